/**
 * A bad configuration stops `newswatch run` before it binds a port, with one line per problem
 * and exit code 2, and `cdk synth` (the CDK app) the same way, with no stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, newswatch, REPO_ROOT } from '../../support/cli.ts';

async function badConfig(edit: (text: string) => string): Promise<string> {
  const [samplePort, sesPort] = [await freePort(), await freePort()];
  const text = readFileSync(join(REPO_ROOT, 'config/local.yaml'), 'utf8')
    .replace('samplePort: 8787', `samplePort: ${samplePort}`)
    .replace('sesPort: 8005', `sesPort: ${sesPort}`);
  const file = join(mkdtempSync(join(tmpdir(), 'nw-config-')), 'bad.yaml');
  writeFileSync(file, edit(text));
  return file;
}

/** The CDK app as `cdk synth` runs it; without a path, as when `-c config=` is left out. */
function synth(configPath?: string): Promise<{ code: number; stderr: string }> {
  // Bundling is skipped: these tests are about what the app says, not about the code assets.
  const context = { 'aws:cdk:bundling-stacks': [], ...(configPath ? { config: configPath } : {}) };
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'lib/app.ts'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify(context),
          CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'nw-synth-')),
        },
      },
      (err, _stdout, stderr) => done({ code: err ? Number(err.code) : 0, stderr }),
    );
  });
}

describe('a bad configuration', () => {
  it('makes newswatch run exit 2 with one line, without hanging on its ports', async () => {
    const file = await badConfig((t) => t.replace('[127.0.0.1/32]', '[banana]'));
    const result = await newswatch(['run', '--once', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `newswatch run: ${file}: invalid configuration: fetch.allowPrivate[0]: not an IP address or CIDR: banana`,
    ]);
  });

  it('makes the CDK app exit 2 listing every problem, one line each, no stack trace', async () => {
    const file = await badConfig((t) =>
      t.replace('rate(15 minutes)', 'rate(0 minutes)').replace('[127.0.0.1/32]', '[banana]'),
    );
    const { code, stderr } = await synth(file);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `${file}: invalid configuration: schedule: rate(0 minutes): the rate must be at least 1`,
      `${file}: invalid configuration: fetch.allowPrivate[0]: not an IP address or CIDR: banana`,
    ]);
  });

  it('makes the CDK app refuse feeds on the local sample server', async () => {
    const { code, stderr } = await synth(join(REPO_ROOT, 'config/local.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('feeds[0].url: {{samples}} is the local sample server');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lets a synth without -c config= say which file it used', async () => {
    const { code, stderr } = await synth();
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe('newswatch: no -c config=FILE given, using config/example.yaml');
  });
});

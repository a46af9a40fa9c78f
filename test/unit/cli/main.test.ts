/** What the CLI says about itself and about bad input, run in-process. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../lambdas/cli/main.ts';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: process.cwd(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('newswatch CLI', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `newswatch ${version}\n`, stderr: '' });
  });

  it("prints a command's usage for --help, on stdout, exit 0", async () => {
    for (const command of ['stories', 'matches', 'alerts', 'feeds', 'run', 'serve', 'topics', 'tag']) {
      const res = await run([command, '--help']);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`^usage: newswatch ${command}\\b`));
      expect(res.stderr).toBe('');
    }
  });

  it('takes a relative --since and refuses one it cannot read as bad usage (exit 2)', async () => {
    for (const argv of [['stories'], ['matches', 'Taiwan'], ['alerts']]) {
      const command = argv[0];
      const res = await run([...argv, '--since', 'yesterday']);
      expect(res.code).toBe(2);
      expect(res.stderr.split('\n')[0]).toBe(
        `newswatch ${command}: --since: "yesterday" is not a time: use a duration back from now (30m, 24h, 7d, 2w) or a date (2026-11-01, 2026-11-01T08:00Z)`,
      );
    }
  });

  it('names no internal error class in its messages', async () => {
    const res = await run(['stories', '--limit', 'zero']);
    expect(res.code).toBe(2);
    expect(res.stderr).not.toMatch(/\b[A-Z][a-z]+Error\b/);
  });

  it("lists every flag a query command accepts in its --help, the store's included", async () => {
    const { stdout } = await run(['stories', '--help']);
    for (const flag of [
      '--since WHEN',
      '--limit N',
      '--json',
      '-c, --config FILE',
      '--table T',
      '--region R',
      '-h, --help',
    ])
      expect(stdout).toContain(flag);
    expect((await run(['help', 'stories'])).stdout).toBe(stdout);
  });

  it('answers --help for a subcommand with its own usage', async () => {
    for (const [argv, usage] of [
      [['feeds', 'import', '--help'], 'usage: newswatch feeds import FILE.opml [--config FILE]'],
      [['feeds', 'export', '-h'], 'usage: newswatch feeds export [--config FILE]'],
      [['topics', 'check', '--help'], 'usage: newswatch topics check FILE'],
    ] as const) {
      const res = await run([...argv]);
      expect(res.code).toBe(0);
      expect(res.stdout.split('\n')[0]).toBe(usage);
    }
  });

  /** Each bad input: exit 2 and exactly one line on stderr, nothing on stdout. */
  async function refused(argv: string[]): Promise<string> {
    const res = await run(argv);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.endsWith('\n')).toBe(true);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    return res.stderr.trimEnd();
  }

  it('suggests the command a typo meant', async () => {
    expect(await refused(['storeis'])).toBe('newswatch: unknown command "storeis"; did you mean "stories"?');
    expect(await refused(['alert'])).toBe('newswatch: unknown command "alert"; did you mean "alerts"?');
    expect(await refused(['zebra'])).toBe(
      'newswatch: unknown command "zebra"; `newswatch --help` lists the commands',
    );
  });

  it('suggests the flag or subcommand a typo meant', async () => {
    expect(await refused(['stories', '--limt', '3'])).toMatch(
      /^newswatch stories: unknown option --limt; did you mean --limit\?/,
    );
    expect(await refused(['matches', 'Taiwan', '--sinse', '7d'])).toMatch(/did you mean --since\?/);
    expect(await refused(['run', '--onec'])).toMatch(
      /^newswatch run: unknown option --onec; did you mean --once\?/,
    );
    expect(await refused(['stories', '--colour'])).toMatch(
      /^newswatch stories: unknown option --colour \(usage: /,
    );
    expect(await refused(['feeds', 'exprot'])).toBe(
      'newswatch feeds: unknown subcommand "exprot"; did you mean "export"?',
    );
  });

  it('refuses stray arguments instead of ignoring them', async () => {
    expect(await refused(['stories', '7d'])).toMatch(
      /^newswatch stories: unexpected argument "7d": it takes no arguments/,
    );
    expect(await refused(['explain', 'st_1', 'st_2'])).toMatch(
      /unexpected argument "st_2": it takes at most 1 argument/,
    );
    expect(await refused(['feeds', 'export', 'out.opml'])).toMatch(/unexpected argument "out.opml"/);
    expect(await refused(['serve', 'now'])).toMatch(/^newswatch serve: unexpected argument "now"/);
  });

  it('says which flag lacks its value', async () => {
    expect(await refused(['stories', '--since'])).toBe('newswatch stories: --since needs a value (WHEN)');
    expect(await refused(['stories', '--json=yes'])).toBe('newswatch stories: --json takes no value');
  });

  it('refuses a missing or unreadable configuration file in one line', async () => {
    const missing = join(tmpdir(), 'newswatch-no-such-config.yaml');
    for (const argv of [['stories'], ['feeds'], ['feeds', 'export'], ['run', '--once'], ['serve']])
      expect(await refused([...argv, '--config', missing])).toMatch(
        new RegExp(`^newswatch ${argv[0]}: ${missing}: cannot read the configuration file: no such file$`),
      );
  });

  it('says where a YAML syntax error is, without a dangling colon', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newswatch-yaml-')), 'bad.yaml');
    writeFileSync(file, 'feeds:\n  - { id: a, url: "https://a.example/"\ntopics: []\n');
    const line = await refused(['stories', '--config', file]);
    expect(line).toMatch(
      new RegExp(`^newswatch stories: ${file}: not valid YAML at line \\d+, column \\d+: \\S`),
    );
    expect(line).not.toMatch(/:$/);
  });
});

/** What the CLI says about itself and about bad input, run in-process. */
import { readFileSync } from 'node:fs';
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
    for (const command of ['stories', 'matches', 'alerts']) {
      const res = await run([command, 'Taiwan', '--since', 'yesterday']);
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
});

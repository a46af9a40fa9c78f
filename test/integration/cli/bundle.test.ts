/**
 * bin/newswatch.mjs runs a bundle of the sources: on a copy of the launcher beside a one-file CLI,
 * an edit must be what the next start runs, and starts racing on a missing bundle must all succeed.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/cli.ts';

const run = promisify(execFile);

let root: string;

function writeMain(says: string): void {
  writeFileSync(
    join(root, 'lambdas/cli/main.ts'),
    `export async function main(argv: string[]): Promise<number> {
  process.stdout.write(${JSON.stringify(says)} + argv.join(' ') + '\\n');
  return 0;
}
`,
  );
}

async function newswatch(...args: string[]): Promise<string> {
  return (await run(process.execPath, [join(root, 'bin/newswatch.mjs'), ...args])).stdout;
}

const bundles = () => readdirSync(join(root, 'build'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nw-bundle-'));
  cpSync(join(REPO_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(REPO_ROOT, 'tsconfig.json'), join(root, 'tsconfig.json'));
  cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(REPO_ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'lambdas/cli'), { recursive: true });
  writeMain('first ');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the newswatch launcher', () => {
  it('runs what the sources say after every edit, keeping only the current bundle', async () => {
    expect(await newswatch('a')).toBe('first a\n');
    expect(await newswatch('b')).toBe('first b\n');
    const [built] = bundles();
    writeMain('second ');
    expect(await newswatch('c')).toBe('second c\n');
    expect(bundles()).toHaveLength(1);
    expect(bundles()).not.toContain(built);
  });

  it('serves every start that races to build a missing bundle', async () => {
    const outputs = await Promise.all(['1', '2', '3', '4'].map((n) => newswatch(n)));
    expect(outputs).toEqual(['first 1\n', 'first 2\n', 'first 3\n', 'first 4\n']);
    expect(bundles()).toHaveLength(1);
  });

  it('bundles packages from a node_modules that links to another checkout, as a worktree has', async () => {
    writeFileSync(
      join(root, 'lambdas/cli/main.ts'),
      `import { stringify } from 'yaml';\nexport async function main(): Promise<number> {\n  process.stdout.write(stringify({ a: 1 }));\n  return 0;\n}\n`,
    );
    expect(await newswatch()).toBe('a: 1\n');
  });

  it('refuses a source outside lambdas/, which the staleness check would not see', async () => {
    writeFileSync(join(root, 'outside.ts'), 'export const x = 1;\n');
    writeFileSync(
      join(root, 'lambdas/cli/main.ts'),
      `import { x } from '../../outside.ts';\nexport async function main(): Promise<number> { return x; }\n`,
    );
    await expect(newswatch()).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('outside.ts'),
    });
  });
});

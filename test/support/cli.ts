/** Runs the real `newswatch` binary, as a user would, and captures what it prints. */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(REPO_ROOT, 'bin/newswatch.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function newswatch(args: string[], opts: { cwd?: string; input?: string } = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: opts.cwd ?? REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NODE_NO_WARNINGS: '1' },
      },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number | undefined) : 0;
        done({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

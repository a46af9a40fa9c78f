/** Runs the real `newswatch` binary, as a user would, and captures what it prints. */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

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

export interface RunningCli {
  /** Resolves with the first match of `pattern` in what the process printed so far or prints next. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a long-running `newswatch` command (run, serve) for a test to talk to while it runs. */
export function startNewswatch(args: string[], opts: { cwd?: string } = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return {
    output: () => ({ stdout, stderr }),
    async waitFor(pattern, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = stdout.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`newswatch ${args[0]} did not print ${pattern}:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The local demo's configuration with its own data folder and free ports, written to `file`, so
 * runs side by side share neither state nor ports. `edit` changes it before it is written.
 */
export async function writeDemoConfig(
  file: string,
  dataDir: string,
  edit: (config: Record<string, unknown>) => void = () => {},
): Promise<string> {
  const config = parse(readFileSync(join(REPO_ROOT, 'config/local.yaml'), 'utf8'));
  config.local = {
    dataDir,
    samplePort: await freePort(),
    sesPort: await freePort(),
    webPort: await freePort(),
  };
  edit(config);
  writeFileSync(file, stringify(config));
  return file;
}

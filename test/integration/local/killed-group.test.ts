/**
 * A run killed together with its parent (SIGKILL to the process group, as a container stop or an
 * OOM kill does) must not block the next run, even while the killed process is a zombie nobody
 * has reaped: the next `newswatch run`, started at once, takes the folder and finishes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newswatch, REPO_ROOT, writeDemoConfig } from '../../support/cli.ts';

const BIN = resolve(REPO_ROOT, 'bin/newswatch.mjs');

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `/proc/<pid>/stat`'s state letter, or undefined once the process is gone. */
function state(pid: number): string | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.charAt(line.lastIndexOf(') ') + 2);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

describe('a run killed with its whole process group', () => {
  let dir = '';
  let group: ReturnType<typeof spawn> | undefined;
  afterEach(() => {
    if (group?.pid) {
      try {
        process.kill(-group.pid, 'SIGKILL');
      } catch (err) {
        // ESRCH: already gone, the test killed it.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A shell leading a process group of its own, running a run as a container's entry does. */
  async function startGroup(): Promise<{ config: string; lock: string }> {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-group-'));
    const data = join(dir, 'data');
    const config = await writeDemoConfig(join(dir, 'newswatch.yaml'), data);
    group = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" run --once --config "${config}" & wait`], {
      cwd: dir,
      detached: true,
      stdio: 'ignore',
    });
    const lock = join(data, 'run.lock');
    await until(() => existsSync(lock) && readFileSync(lock, 'utf8').trim() !== '', 30_000);
    return { config, lock };
  }

  async function rerunAtOnce(config: string) {
    const rerun = await newswatch(['run', '--once', '--config', config], { cwd: dir });
    expect(rerun.stderr).not.toMatch(/another newswatch run/);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/stories/i);
  }

  it('leaves a lock the next run, started at once, takes over', async () => {
    const { config } = await startGroup();
    process.kill(-(group?.pid as number), 'SIGKILL');
    await rerunAtOnce(config);
  });

  it('takes over from a killed run that is still a zombie nobody reaped', async () => {
    const { config, lock } = await startGroup();
    const pid = Number(readFileSync(lock, 'utf8'));
    // The parent stopped cannot reap: the killed run stays a zombie, as under a PID 1 that is slow to.
    process.kill(group?.pid as number, 'SIGSTOP');
    process.kill(pid, 'SIGKILL');
    await until(() => state(pid) === 'Z', 5_000);
    await rerunAtOnce(config);
    expect(state(pid)).toBe('Z');
  });
});

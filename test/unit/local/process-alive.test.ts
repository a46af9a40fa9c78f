/** The run lock's liveness check: a process that has exited counts as gone, reaped or not. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, statState } from '../../../lambdas/local/process-alive.ts';

const state = (pid: number) => statState(readFileSync(`/proc/${pid}/stat`, 'utf8'));

describe('alive', () => {
  let parent: ChildProcess | undefined;
  afterEach(async () => {
    if (parent && parent.exitCode === null && parent.signalCode === null) {
      const closed = once(parent, 'close');
      parent.kill('SIGKILL');
      await closed;
    }
    parent = undefined;
  });

  it('is true for the current process', () => {
    expect(alive(process.pid)).toBe(true);
  });

  it('is false for a child that has exited and been reaped', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid as number;
    expect(alive(pid)).toBe(true);
    await once(child, 'close');
    expect(alive(pid)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('is false for a zombie its parent never reaps', async () => {
    // The shell becomes `sleep 30` before its background child exits (a shell may reap a child that
    // exits earlier), and `sleep` never waits, so the child stays a zombie.
    parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [out] = (await once(parent.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const pid = Number(out.toString().trim());
    expect(Number.isInteger(pid) && pid > 0).toBe(true);
    const deadline = Date.now() + 2000;
    while (state(pid) !== 'Z' && Date.now() < deadline) await sleep(20);
    expect(state(pid)).toBe('Z');
    expect(alive(pid)).toBe(false);
  });
});

describe('statState', () => {
  it('reads the state after the last ") ", whatever the command name holds', () => {
    expect(statState('4242 (sleep) S 1 4242 4242 0 -1 4194304')).toBe('S');
    expect(statState('4242 (a) b (c) ) Z 1 4242 4242 0 -1 4194304')).toBe('Z');
    expect(statState('4242 (x) R) X 1 4242 4242 0 -1 4194304')).toBe('X');
  });

  it('refuses a line with no command name', () => {
    expect(() => statState('garbage')).toThrow(/unreadable process stat line/);
  });
});

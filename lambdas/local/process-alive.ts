import { readFileSync } from 'node:fs';

/** kill(pid, 0) succeeds for a process we may signal; EPERM means it runs as someone else. */
function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The state letter of a `/proc/<pid>/stat` line, `pid (comm) S ...`. comm may itself hold spaces
 * and `) `, and no later field holds a `)`, so the state follows the last `) `.
 */
export function statState(line: string): string {
  const end = line.lastIndexOf(') ');
  if (end < 0) throw new Error(`unreadable process stat line: ${line.slice(0, 80)}`);
  return line.charAt(end + 2);
}

/**
 * Whether a process id names a running process. kill(pid, 0) alone also says yes to a zombie, and a
 * run killed along with its parent stays one until PID 1 gets round to reaping it: its lock would
 * then refuse the next run, naming a process nobody can stop. So on Linux a zombie (Z) or dead (X)
 * state counts as gone. Elsewhere there is no /proc to ask, and kill's answer stands.
 */
export function alive(pid: number): boolean {
  if (!signalable(pid)) return false;
  if (process.platform !== 'linux') return true;
  let line: string;
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    // ENOENT: reaped since kill(0), or /proc is not mounted or hides other users' processes
    // (hidepid); EACCES: hidepid=1. Ask kill again: a reaped process now gives ESRCH.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return signalable(pid);
    throw err;
  }
  const state = statState(line);
  return state !== 'Z' && state !== 'X';
}

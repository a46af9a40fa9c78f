/**
 * One `newswatch run` per data folder. The story stage is the only writer of stories and holds
 * its window in the process's memory; two runs on one folder would be two stages. A lock left by
 * a run that was killed names a dead process and is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from './process-alive.ts';

const LOCK_FILE = 'run.lock';

export class RunLockedError extends Error {
  override name = 'RunLockedError';
}

function holder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder's run lock; resolves to its release. */
export function lockRun(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const pid = holder(path);
  if (pid !== undefined && pid !== process.pid && alive(pid))
    throw new RunLockedError(
      `another newswatch run (pid ${pid}) is using ${dataDir}: stop it first, or wait for it`,
    );
  writeFileSync(path, String(process.pid));
  return () => {
    if (holder(path) === process.pid) rmSync(path, { force: true });
  };
}

/**
 * The story stage's journal in the data folder (`.newswatch/stage/`), for local runs. S3 replaces
 * an object whole or not at all; the S3 stand-in writes an object's bytes and its metadata as two
 * files, so a run killed mid-write left a journal entry it could not read, and every later run
 * failed on it. Here each entry is written aside and renamed into place, which is atomic.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { StageBatch, StageJournal, StageSnapshot } from '../core/stage/journal.ts';

function read<T>(path: string): T | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
}

function write(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, gzipSync(JSON.stringify(value)));
  renameSync(`${path}.tmp`, path);
}

export function createFileJournal(dir: string): StageJournal {
  const batches = join(dir, 'batches');
  mkdirSync(batches, { recursive: true });
  const batchPath = (seq: number) => join(batches, `${String(seq).padStart(12, '0')}.json.gz`);
  return {
    readSnapshot: async () => read<StageSnapshot>(join(dir, 'snapshot.json.gz')),
    async writeSnapshot(snapshot) {
      write(join(dir, 'snapshot.json.gz'), snapshot);
      // The batches the snapshot holds are never read again (S3 leaves them to a lifecycle rule).
      for (const file of readdirSync(batches))
        if (file.endsWith('.json.gz') && Number.parseInt(file, 10) <= snapshot.seq)
          rmSync(join(batches, file));
    },
    readBatch: async (seq) => read<StageBatch>(batchPath(seq)),
    writeBatch: async (batch) => write(batchPath(batch.seq), batch),
  };
}

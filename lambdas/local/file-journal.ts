/**
 * The story stage's journal in the data folder (`.newswatch/stage/`), for local runs, laid out
 * as in S3 (adapters/s3/journal.ts). Each entry is written aside and linked into place: the link
 * is atomic, so a run killed mid-write leaves no half entry, and it fails if the name exists,
 * which is S3's `If-None-Match: *` (two runs on one folder cannot both write batch N).
 */
import {
  createReadStream,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gunzipLines, gzipLines } from '../adapters/journal/lines.ts';
import {
  type SegmentRecord,
  type StageBatch,
  StageFencedError,
  type StageJournal,
  StageJournalError,
  type StageManifest,
} from '../core/stage/journal.ts';

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

function writeOnce(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${process.pid}.tmp`;
  writeFileSync(aside, bytes);
  try {
    linkSync(aside, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new StageFencedError(`${path} was written by another stage instance`, { cause: err });
    throw err;
  } finally {
    rmSync(aside, { force: true });
  }
}

const padded = (n: number) => String(n).padStart(12, '0');
/** The one-object snapshot of versions before snapshots in parts. */
const LEGACY_SNAPSHOT = 'snapshot.json.gz';
const numbered = (dir: string): number[] =>
  readdirSync(dir)
    .filter((f) => /^\d+\.json\.gz$/.test(f))
    .map((f) => Number.parseInt(f, 10));

export function createFileJournal(dir: string): StageJournal {
  const batches = join(dir, 'batches');
  const manifests = join(dir, 'manifests');
  const parts = join(dir, 'parts');
  for (const d of [batches, manifests, parts]) mkdirSync(d, { recursive: true });
  const batchPath = (seq: number) => join(batches, `${padded(seq)}.json.gz`);
  const manifestPath = (gen: number) => join(manifests, `${padded(gen)}.json.gz`);
  const partPath = (key: string) => join(parts, `${key}.jsonl.gz`);

  /** What the newest snapshot no longer needs (S3 leaves this to lifecycle rules). */
  function tidy(manifest: StageManifest): void {
    for (const gen of numbered(manifests)) if (gen < manifest.gen) rmSync(manifestPath(gen));
    for (const seq of numbered(batches)) if (seq <= manifest.seq) rmSync(batchPath(seq));
    const named = new Set(manifest.parts.map((p) => partPath(p.key)));
    for (const day of readdirSync(parts)) {
      for (const file of readdirSync(join(parts, day))) {
        const path = join(parts, day, file);
        if (file.endsWith('.jsonl.gz') && !named.has(path)) rmSync(path);
      }
      if (readdirSync(join(parts, day)).length === 0) rmSync(join(parts, day), { recursive: true });
    }
  }

  return {
    async readManifest() {
      const newest = Math.max(0, ...numbered(manifests));
      if (newest === 0 && existsSync(join(dir, LEGACY_SNAPSHOT)))
        throw new StageJournalError(
          `${dir} holds a story stage journal written by an older newswatch, which this one cannot continue: start again with \`newswatch run --once --reset\``,
        );
      return newest > 0 ? read<StageManifest>(manifestPath(newest)) : undefined;
    },
    async writeManifest(manifest) {
      writeOnce(manifestPath(manifest.gen), gzipSync(JSON.stringify(manifest)));
      tidy(manifest);
    },
    readPart: (key) => gunzipLines<SegmentRecord>(createReadStream(partPath(key))),
    async writePart(key, records) {
      writeOnce(partPath(key), await gzipLines(records));
    },
    readBatch: async (seq) => read<StageBatch>(batchPath(seq)),
    writeBatch: async (batch) => writeOnce(batchPath(batch.seq), gzipSync(JSON.stringify(batch))),
  };
}

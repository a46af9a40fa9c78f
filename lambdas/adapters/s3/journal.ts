/**
 * The story stage's journal in S3 (core/stage/journal.ts):
 * - `stage/batches/<seq>`: one object per batch, numbered, so a restart reads on from its
 *   snapshot until a number is missing (no listing);
 * - `stage/parts/<day>/<seq>-<writer>`: snapshot parts, gzipped JSON lines;
 * - `stage/manifests/<gen>`: snapshots, numbered; `stage/manifests/head` names the newest one
 *   written, a hint a restart reads on from (a lost or stale hint costs a few reads, not state).
 *
 * Each object but the hint is written with `If-None-Match: *`: S3 refuses the second writer of a
 * key with 412, which is how a stale stage instance learns it lost. Old batches and parts are
 * left to the bucket's lifecycle rules (lib/) rather than deleted here.
 */

import type { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type SegmentRecord,
  type StageBatch,
  StageFencedError,
  type StageJournal,
  StageJournalError,
  type StageManifest,
} from '../../core/stage/journal.ts';
import { gunzipLines, gzipLines } from '../journal/lines.ts';

const PREFIX = 'stage';
/** Zero-padded so keys sort in order in any listing a person makes. */
const padded = (n: number) => String(n).padStart(12, '0');
export const batchKey = (seq: number) => `${PREFIX}/batches/${padded(seq)}.json.gz`;
export const manifestKey = (gen: number) => `${PREFIX}/manifests/${padded(gen)}.json.gz`;
export const HEAD_KEY = `${PREFIX}/manifests/head.json.gz`;
/** The one-object snapshot of versions before snapshots in parts. */
const LEGACY_SNAPSHOT_KEY = `${PREFIX}/snapshot.json.gz`;
export const partObjectKey = (key: string) => `${PREFIX}/parts/${key}.jsonl.gz`;

function status(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

const missing = (err: unknown) => (err as { name?: string }).name === 'NoSuchKey' || status(err) === 404;
/** 412: the key exists. 409: a concurrent conditional write to it is in flight. */
const taken = (err: unknown) => status(err) === 412 || status(err) === 409;

export function createS3Journal(s3: S3Client, bucket: string): StageJournal {
  async function get(Key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const bytes = await out.Body?.transformToByteArray();
      if (!bytes) throw new StageJournalError(`${Key}: empty body`);
      return bytes;
    } catch (err) {
      if (missing(err)) return undefined;
      if (err instanceof StageJournalError) throw err;
      throw new StageJournalError(`reading ${Key} from ${bucket} failed`, { cause: err });
    }
  }

  async function readJson<T>(Key: string): Promise<T | undefined> {
    const bytes = await get(Key);
    return bytes && (JSON.parse(gunzipSync(bytes).toString('utf8')) as T);
  }

  async function put(Key: string, Body: Uint8Array, onlyIfAbsent: boolean): Promise<void> {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body,
          ContentType: 'application/gzip',
          ...(onlyIfAbsent ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (err) {
      if (onlyIfAbsent && taken(err))
        throw new StageFencedError(`${Key} in ${bucket} was written by another stage instance`, {
          cause: err,
        });
      throw new StageJournalError(`writing ${Key} to ${bucket} failed`, { cause: err });
    }
  }

  /** The newest manifest from `gen` on, reading forward until one is missing. */
  async function newestFrom(gen: number): Promise<StageManifest | undefined> {
    let newest: StageManifest | undefined;
    for (let g = gen; ; g++) {
      const manifest = await readJson<StageManifest>(manifestKey(g));
      if (!manifest) return newest;
      newest = manifest;
    }
  }

  return {
    async readManifest() {
      const hint = (await readJson<{ gen: number }>(HEAD_KEY))?.gen ?? 1;
      // A hint past what exists (snapshots expired by the lifecycle rule) starts again from 1.
      const newest = (await newestFrom(hint)) ?? (hint > 1 ? await newestFrom(1) : undefined);
      if (!newest && (await get(LEGACY_SNAPSHOT_KEY)))
        throw new StageJournalError(
          `${bucket} holds a story stage journal written by an older newswatch (${LEGACY_SNAPSHOT_KEY}), which this one cannot continue: delete the stage/ prefix and the stage starts its window afresh`,
        );
      return newest;
    },
    async writeManifest(manifest) {
      await put(manifestKey(manifest.gen), gzipSync(JSON.stringify(manifest)), true);
      await put(HEAD_KEY, gzipSync(JSON.stringify({ gen: manifest.gen })), false);
    },
    async *readPart(key) {
      const Key = partObjectKey(key);
      let body: Readable;
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        body = out.Body as Readable;
      } catch (err) {
        throw new StageJournalError(`reading ${Key} from ${bucket} failed`, { cause: err });
      }
      try {
        yield* gunzipLines<SegmentRecord>(body);
      } catch (err) {
        throw new StageJournalError(`reading ${Key} from ${bucket} failed`, { cause: err });
      }
    },
    async writePart(key, records) {
      await put(partObjectKey(key), await gzipLines(records), true);
    },
    readBatch: (seq) => readJson<StageBatch>(batchKey(seq)),
    writeBatch: (batch) => put(batchKey(batch.seq), gzipSync(JSON.stringify(batch)), true),
  };
}

/**
 * The story stage's journal in S3: one snapshot object, overwritten, and one object per batch,
 * numbered, so a restart reads the snapshot and then the next numbers until one is missing (no
 * listing). Old batches are left to the bucket's lifecycle rule (lib/) rather than deleted here.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type StageBatch,
  type StageJournal,
  StageJournalError,
  type StageSnapshot,
} from '../../core/stage/journal.ts';

const PREFIX = 'stage';
export const SNAPSHOT_KEY = `${PREFIX}/snapshot.json.gz`;
/** Zero-padded so keys sort in batch order in any listing a person makes. */
export const batchKey = (seq: number) => `${PREFIX}/batches/${String(seq).padStart(12, '0')}.json.gz`;

function missing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export function createS3Journal(s3: S3Client, bucket: string): StageJournal {
  async function read<T>(Key: string): Promise<T | undefined> {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const bytes = await out.Body?.transformToByteArray();
      if (!bytes) throw new StageJournalError(`${Key}: empty body`);
      return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
    } catch (err) {
      if (missing(err)) return undefined;
      if (err instanceof StageJournalError) throw err;
      throw new StageJournalError(`reading ${Key} from ${bucket} failed`, { cause: err });
    }
  }

  /** `once`: only if no object has the key yet (S3 answers 412 otherwise). */
  async function write(Key: string, value: unknown, once = false): Promise<void> {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: gzipSync(JSON.stringify(value)),
          ContentType: 'application/gzip',
          ...(once ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (err) {
      throw new StageJournalError(`writing ${Key} to ${bucket} failed`, { cause: err });
    }
  }

  return {
    readSnapshot: () => read<StageSnapshot>(SNAPSHOT_KEY),
    writeSnapshot: (snapshot) => write(SNAPSHOT_KEY, snapshot),
    readBatch: (seq) => read<StageBatch>(batchKey(seq)),
    // Nothing reserves the stage's concurrency: Lambda may hand the message group's next batch to
    // another instance, and a warm one holding an older window would then write a batch number
    // that is taken. Refused, it fails the batch and rebuilds from the journal (stage.ts).
    writeBatch: (batch) => write(batchKey(batch.seq), batch, true),
  };
}

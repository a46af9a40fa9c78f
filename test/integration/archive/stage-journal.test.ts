/** The story stage's journal in S3 (s3rver): what is written reads back; what is not, is absent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import { batchKey, createS3Journal } from '../../../lambdas/adapters/s3/journal.ts';
import type { StageBatch, StageSnapshot } from '../../../lambdas/core/stage/journal.ts';
import { provision, type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';

const BUCKET = 'journal-test';

const batch = (seq: number): StageBatch => ({
  seq,
  changes: [{ op: 'merge', from: `st_${seq}b`, into: `st_${seq}a` }],
  stories: [],
  matched: [`st_${seq}\u0000Harbour`],
  watermark: '2026-11-10T10:00:00.000Z',
  records: { items: [], stories: [], matches: [], intents: [] },
});

describe('stage journal against s3rver', () => {
  let standIns: StandIns;
  beforeAll(async () => {
    standIns = await startStandIns();
    await provision(standIns.endpoints, 'journal-test-table', BUCKET);
  });
  afterAll(async () => standIns?.stop());

  it('reads back batches and the snapshot, and reports the first missing batch as absent', async () => {
    const journal = createS3Journal(createS3Client({ endpoints: standIns.endpoints }), BUCKET);
    expect(await journal.readSnapshot()).toBeUndefined();
    await journal.writeBatch(batch(1));
    await journal.writeBatch(batch(2));
    expect(await journal.readBatch(1)).toEqual(batch(1));
    expect(await journal.readBatch(2)).toEqual(batch(2));
    expect(await journal.readBatch(3)).toBeUndefined();
    const snapshot: StageSnapshot = {
      seq: 2,
      writtenAt: '2026-11-10T10:00:00.000Z',
      index: { items: [], exact: [], postings: [], days: [], mergedInto: [], stories: [] },
      stories: [],
      matched: ['st_1\u0000Harbour'],
    };
    await journal.writeSnapshot(snapshot);
    expect(await journal.readSnapshot()).toEqual(snapshot);
  });

  it('numbers batch keys so they sort in order', () => {
    expect([batchKey(10), batchKey(9), batchKey(100)].sort()).toEqual([
      batchKey(9),
      batchKey(10),
      batchKey(100),
    ]);
  });
});

/**
 * The story stage's journal in S3 (s3rver): what is written reads back, what is not is absent,
 * and a part of any size travels as lines.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import { batchKey, createS3Journal, partObjectKey } from '../../../lambdas/adapters/s3/journal.ts';
import type { SegmentRecord, StageBatch, StageManifest } from '../../../lambdas/core/stage/journal.ts';
import { provision, type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';

const BUCKET = 'journal-test';

const batch = (seq: number): StageBatch => ({
  seq,
  changes: [{ op: 'merge', from: `st_${seq}b`, into: `st_${seq}a` }],
  stories: [],
  matched: [`st_${seq}\u0000Harbour`],
  watermark: '2026-11-10T10:00:00.000Z',
  records: { items: [], stories: [], matches: [], intents: [], alerts: [], followUps: [] },
});

const manifest = (gen: number): StageManifest => ({
  gen,
  seq: gen * 10,
  writtenAt: '2026-11-10T10:00:00.000Z',
  parts: [{ key: `2026-11-10/${gen}`, day: '2026-11-10', seq: gen * 10 }],
});

describe('stage journal against s3rver', () => {
  let standIns: StandIns;
  beforeAll(async () => {
    standIns = await startStandIns();
    await provision(standIns.endpoints, 'journal-test-table', BUCKET);
  });
  afterAll(async () => standIns?.stop());

  it('reads back batches, and reports the first missing batch as absent', async () => {
    const journal = createS3Journal(createS3Client({ endpoints: standIns.endpoints }), BUCKET);
    await journal.writeBatch(batch(1));
    await journal.writeBatch(batch(2));
    expect(await journal.readBatch(1)).toEqual(batch(1));
    expect(await journal.readBatch(2)).toEqual(batch(2));
    expect(await journal.readBatch(3)).toBeUndefined();
  });

  it('finds the newest snapshot, with or without its hint', async () => {
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const journal = createS3Journal(s3, BUCKET);
    expect(await journal.readManifest()).toBeUndefined();
    await journal.writeManifest(manifest(1));
    await journal.writeManifest(manifest(2));
    expect(await journal.readManifest()).toEqual(manifest(2));
  });

  it('streams a part of 100,000 records as gzipped lines, and reads them back in order', async () => {
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const journal = createS3Journal(s3, BUCKET);
    const records: SegmentRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
      t: 'item',
      id: `item-${i}`,
      story: `st_${i % 97}`,
      time: 1_700_000_000_000 + i,
    }));
    await journal.writePart('2026-11-10/000000000001-abc', records);
    const raw = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: partObjectKey('2026-11-10/000000000001-abc') }),
    );
    const head = (await raw.Body?.transformToByteArray())?.subarray(0, 2);
    expect([...(head ?? [])]).toEqual([0x1f, 0x8b]);
    const back: SegmentRecord[] = [];
    for await (const r of journal.readPart('2026-11-10/000000000001-abc')) back.push(r);
    expect(back).toEqual(records);
  });

  it('asks S3 to write every entry only if absent', async () => {
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const seen: { key: string; ifNoneMatch?: string }[] = [];
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') {
          const input = args.input as { Key: string; IfNoneMatch?: string };
          seen.push({ key: input.Key, ...(input.IfNoneMatch ? { ifNoneMatch: input.IfNoneMatch } : {}) });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const journal = createS3Journal(s3, BUCKET);
    await journal.writeBatch(batch(7));
    await journal.writePart('2026-11-11/000000000070-abc', []);
    await journal.writeManifest(manifest(7));
    // The head is a hint a restart reads on from: overwritten, never trusted alone.
    expect(seen).toEqual([
      { key: batchKey(7), ifNoneMatch: '*' },
      { key: partObjectKey('2026-11-11/000000000070-abc'), ifNoneMatch: '*' },
      { key: 'stage/manifests/000000000007.json.gz', ifNoneMatch: '*' },
      { key: 'stage/manifests/head.json.gz' },
    ]);
  });
});

/**
 * The meter in front of the real stand-ins, with the production clients and adapters pointed at
 * it: requests still succeed after the body rewrite (neither dynalite nor DynamoDB Local checks
 * SigV4), what they stored is there when read past the meter, and counts and units add up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsMeter, mergeTimelines, sequentialRounds, startMeter } from '../../../bench/lib/aws-meter.ts';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/client.ts';
import { createS3Archive } from '../../../lambdas/adapters/s3/archive.ts';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import { createTestTable, type DynamoTarget, dynamoDbLocal, startDynalite } from '../../support/dynamodb.ts';
import { dynamoDbLocalAvailable } from '../../support/dynamodb-local.ts';

interface Metered {
  target: DynamoTarget;
  meter: AwsMeter;
  /** Through the meter. */
  doc: DynamoDBDocumentClient;
  /** Straight to the stand-in, to check what was stored. */
  direct: DynamoDBDocumentClient;
  tableName: string;
}

async function meteredDynamo(start: () => Promise<DynamoTarget>): Promise<Metered> {
  const target = await start();
  const meter = await startMeter({ target: target.endpoint, kind: 'dynamodb' });
  const { doc, tableName } = await createTestTable(meter.endpoint);
  const direct = createDocumentClient({ endpoints: { dynamodb: target.endpoint } });
  return { target, meter, doc, direct, tableName };
}

async function stopAll(m: Metered | undefined): Promise<void> {
  await m?.meter.stop();
  await m?.target.stop();
}

/** A conditional put that fails: the item exists. */
async function failedConditionalPut(m: Metered, pk: string): Promise<void> {
  await expect(
    m.doc.send(
      new PutCommand({
        TableName: m.tableName,
        Item: { pk, sk: 'S' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
}

describe('aws-meter on dynalite', () => {
  let m: Metered | undefined;
  beforeAll(async () => {
    m = await meteredDynamo(startDynalite);
  });
  afterAll(() => stopAll(m));

  it('counts requests per operation, and the rewritten requests do what they were sent to do', async () => {
    if (!m) throw new Error('not started');
    const { doc, direct, tableName, meter } = m;
    m.meter.reset(); // CreateTable is setup, not the flow measured.
    await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'A', sk: 'S', n: 1 } }));
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: ['B', 'C'].map((pk) => ({ PutRequest: { Item: { pk, sk: 'S' } } })) },
      }),
    );
    const got = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'A', sk: 'S' } }));
    expect(got.Item).toEqual({ pk: 'A', sk: 'S', n: 1 });
    await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'B' },
      }),
    );
    await failedConditionalPut(m, 'A');

    for (const pk of ['A', 'B', 'C']) {
      const stored = await direct.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'S' } }));
      expect(stored.Item?.pk).toBe(pk);
    }
    const snap = meter.snapshot();
    expect(snap.byOp).toEqual({ PutItem: 2, BatchWriteItem: 1, GetItem: 1, Query: 1 });
    expect(snap).toMatchObject({ requests: 5, errors: 1, failedConditionalWrites: 1, standIn: 'other' });
    // dynalite reports units too (table only, no GSI writes): 1 + 2 for the writes, 1 for the
    // failed conditional put; 0.5 + 0.5 for the eventually consistent reads.
    expect(snap.writeUnits).toBe(4);
    expect(snap.readUnits).toBe(1);
    expect(sequentialRounds(snap.timeline)).toBe(5);
  });
});

// Skipped when DynamoDB Local is absent, except in CI, where its absence must fail the suite.
describe.skipIf(!dynamoDbLocalAvailable() && !process.env.CI)('aws-meter on DynamoDB Local', () => {
  let m: Metered | undefined;
  beforeAll(async () => {
    m = await meteredDynamo(dynamoDbLocal);
  });
  afterAll(() => stopAll(m));

  it('sums the write units of a Put and a BatchWrite, and counts a failed conditional write as 1', async () => {
    if (!m) throw new Error('not started');
    const { doc, direct, tableName, meter } = m;
    meter.reset();
    // Small items without GSI keys: 1 WCU each.
    await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'A', sk: 'S' } }));
    expect(meter.snapshot().writeUnits).toBe(1);
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: ['B', 'C', 'D'].map((pk) => ({ PutRequest: { Item: { pk, sk: 'S' } } })),
        },
      }),
    );
    expect(meter.snapshot().writeUnits).toBe(4);
    // An item with GSI keys is written to the index too: 1 + 1 WCU.
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { pk: 'E', sk: 'S', gsi1pk: 'G', gsi1sk: 'E' } }),
    );
    expect(meter.snapshot().writeUnits).toBe(6);
    await failedConditionalPut(m, 'A');
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'A', sk: 'S' } }));

    const stored = await direct.send(new GetCommand({ TableName: tableName, Key: { pk: 'D', sk: 'S' } }));
    expect(stored.Item).toEqual({ pk: 'D', sk: 'S' });
    expect(meter.snapshot()).toMatchObject({
      byOp: { PutItem: 3, BatchWriteItem: 1, GetItem: 1 },
      writeUnits: 7,
      readUnits: 0.5,
      failedConditionalWrites: 1,
      unmetered: 0,
      standIn: 'dynamodb-local',
    });
  });
});

describe('aws-meter on s3rver', () => {
  const BUCKET = 'meter-test';
  let dir: string;
  let s3rver: S3rver;
  let meter: AwsMeter;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-meter-'));
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
    const { port } = await s3rver.run();
    meter = await startMeter({ target: `http://127.0.0.1:${port}`, kind: 's3' });
  });
  afterAll(async () => {
    await meter?.stop();
    await s3rver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts requests per method and passes large bodies through intact', async () => {
    const s3 = createS3Client({ endpoints: { s3: meter.endpoint } });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    meter.reset();
    const archive = createS3Archive(s3, BUCKET);
    const body = new TextEncoder().encode('<rss><channel><title>x</title></channel></rss>');
    await archive.put('feed', body, 'application/rss+xml'); // HEAD (404), PUT
    await archive.put('feed', body, 'application/rss+xml'); // HEAD

    const big = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 251;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin', Body: big }));
    const back = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
    expect(Buffer.from((await back.Body?.transformToByteArray()) ?? []).equals(big)).toBe(true);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.length).toBe(2);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));

    const snap = meter.snapshot();
    expect(snap.byOp).toEqual({ HEAD: 2, PUT: 2, GET: 1, LIST: 1, DELETE: 1 });
    expect(snap).toMatchObject({ requests: 7, errors: 1, readUnits: null, writeUnits: null });
    expect(sequentialRounds(mergeTimelines(snap.timeline))).toBe(7);
  });
});

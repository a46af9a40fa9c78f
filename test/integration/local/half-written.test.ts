/** The local stand-ins after a run was killed mid-write: what it half wrote is gone, not broken. */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/client.ts';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import { provision, type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';

const BUCKET = 'newswatch-archive';

describe('local S3 stand-in over a folder a killed run wrote to', () => {
  let dir = '';
  let standIns: StandIns | undefined;
  afterEach(async () => {
    await standIns?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['bytes only', { object: 'abc' }],
    [
      'metadata cut short',
      { object: 'abc', md5: '900150983cd24fb0d6963f7d28e17f72', metadata: '{"content-ty' },
    ],
  ])('answers 404 for an object left with %s, and takes it again', async (_, parts) => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-s3-'));
    const objectDir = join(dir, 's3', BUCKET, 'feed');
    mkdirSync(objectDir, { recursive: true });
    const base = join(objectDir, 'body.gz._S3rver_');
    writeFileSync(`${base}object`, parts.object);
    if ('md5' in parts) writeFileSync(`${base}object.md5`, parts.md5);
    if ('metadata' in parts) writeFileSync(`${base}metadata.json`, parts.metadata);

    standIns = await startStandIns({ dataDir: dir });
    await provision(standIns.endpoints, 'newswatch', BUCKET);
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const head = await s3
      .send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'feed/body.gz' }))
      .catch((e) => e);
    expect(head.$metadata.httpStatusCode).toBe(404);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'feed/body.gz', Body: 'whole' }));
    const again = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'feed/body.gz' }));
    expect(again.ContentLength).toBe(5);
  });
});

/**
 * A child that creates the table on a slow-to-activate dynalite over `path`, says so, and waits:
 * killed then, it leaves the table CREATING on disk, as a run killed mid-provisioning does.
 */
const CREATING_CHILD = `
const dynalite = require('dynalite');
const { DynamoDBClient, CreateTableCommand } = require('@aws-sdk/client-dynamodb');
const server = dynalite({ path: process.argv[1], createTableMs: 600000 });
server.listen(0, '127.0.0.1', async () => {
  const client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:' + server.address().port,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(new CreateTableCommand({
    TableName: 'newswatch',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  console.log('created');
});
`;

describe('local DynamoDB stand-in over a folder a killed run was provisioning', () => {
  let dir = '';
  let standIns: StandIns | undefined;
  afterEach(async () => {
    await standIns?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes again a table left CREATING, which dynalite neither finishes nor deletes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-dynamo-'));
    const path = join(dir, 'dynamodb');
    mkdirSync(path, { recursive: true });
    const child = spawn(process.execPath, ['-e', CREATING_CHILD, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('created')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the child ended first (${code})`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    standIns = await startStandIns({ dataDir: dir });
    await provision(standIns.endpoints, 'newswatch', BUCKET);
    const doc = createDocumentClient({ endpoints: standIns.endpoints });
    const { Table } = await doc.send(new DescribeTableCommand({ TableName: 'newswatch' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    await doc.send(new PutCommand({ TableName: 'newswatch', Item: { pk: 'a', sk: 'b' } }));
  });
});

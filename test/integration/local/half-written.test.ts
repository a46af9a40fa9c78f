/** The local S3 stand-in after a run was killed mid-write: the half-written object is gone, not broken. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
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

import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Archive } from '../../../lambdas/adapters/s3/archive.ts';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import { provision, type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';

const BUCKET = 'archive-test';

describe('S3 archive against s3rver', () => {
  let standIns: StandIns;
  beforeAll(async () => {
    standIns = await startStandIns();
    await provision(standIns.endpoints, 'archive-test-table', BUCKET);
  });
  afterAll(async () => standIns?.stop());

  it('stores identical bodies once, gzip-compressed, under a content hash', async () => {
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const archive = createS3Archive(s3, BUCKET);
    const body = new TextEncoder().encode('<rss><channel><title>x</title></channel></rss>');
    const first = await archive.put('feed', body, 'application/rss+xml');
    const again = await archive.put('feed', body, 'application/rss+xml');
    const other = await archive.put('page', new TextEncoder().encode('<html></html>'), 'text/html');
    expect(again).toBe(first);
    expect(first).toMatch(/^feed\/[0-9a-f]{2}\/[0-9a-f]{64}\.gz$/);
    expect(other).toMatch(/^page\//);

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([first, other].sort());
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: first }));
    const bytes = await stored.Body?.transformToByteArray();
    expect(bytes && gunzipSync(bytes).toString()).toBe('<rss><channel><title>x</title></channel></rss>');
  });
});

/** The archive bucket on the S3 stand-in, made when missing (provision in standins.ts). */
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createS3Client } from '../adapters/s3/client.ts';

export async function ensureBucket(endpoints: AwsEndpoints, bucket: string): Promise<void> {
  const s3 = createS3Client({ endpoints });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw err;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

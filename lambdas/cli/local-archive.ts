/**
 * The texts `newswatch run` archived, apart from store-access.ts so that a query reading only the
 * store does not load the S3 client.
 */
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createS3ArchiveReader } from '../adapters/s3/archive-reader.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import type { ArchiveReader } from '../core/ports.ts';
import { LOCAL_BUCKET } from '../local/store-config.ts';

/** Through the stand-ins at `endpoints`. */
export const localArchive = (endpoints: AwsEndpoints): ArchiveReader =>
  createS3ArchiveReader(createS3Client({ endpoints }), LOCAL_BUCKET);

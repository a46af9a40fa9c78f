/** The S3 client behind the archive. */
import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, clientConfig } from '../aws-clients.ts';

export function createS3Client(opts: AwsClientOptions = {}): S3Client {
  const local = opts.endpoints?.s3;
  return new S3Client({
    ...clientConfig(local, opts.region),
    // s3rver needs path-style URLs and stores aws-chunked framing verbatim unless checksums are off.
    ...(local
      ? {
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
}

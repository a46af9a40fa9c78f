/**
 * Reads item texts back from the archive (s3/archive.ts writes them gzipped under `text/`), for
 * search. A key with no object answers undefined: the item record outlived its text, which search
 * reports rather than fails on.
 */
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArchiveReader } from '../../core/ports.ts';

export class ArchiveReadError extends Error {
  override name = 'ArchiveReadError';
}

const missing = (err: unknown) =>
  (err as { name?: string }).name === 'NoSuchKey' ||
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export function createS3ArchiveReader(s3: S3Client, bucket: string): ArchiveReader {
  return {
    async readText(key) {
      let bytes: Uint8Array | undefined;
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        bytes = await object.Body?.transformToByteArray();
      } catch (err) {
        if (missing(err)) return undefined;
        throw new ArchiveReadError(`cannot read ${key} from the archive`, { cause: err });
      }
      if (bytes === undefined) return undefined;
      try {
        return gunzipSync(bytes).toString('utf8');
      } catch (err) {
        throw new ArchiveReadError(`${key} in the archive is not gzip`, { cause: err });
      }
    },
  };
}

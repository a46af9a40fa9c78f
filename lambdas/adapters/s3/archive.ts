/**
 * Content-addressed archive of raw feed bodies, article pages and item texts in S3: the key is
 * the body's SHA-256, so an unchanged feed fetched a hundred times is stored once.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Archive, ArchiveKind } from '../../core/ports.ts';

function archiveKey(kind: ArchiveKind, body: Uint8Array): string {
  const hash = createHash('sha256').update(body).digest('hex');
  return `${kind}/${hash.slice(0, 2)}/${hash}.gz`;
}

async function exists(s3: S3Client, Bucket: string, Key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket, Key }));
    return true;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw err;
  }
}

export function createS3Archive(s3: S3Client, bucket: string): Archive {
  return {
    async put(kind, body, contentType) {
      const Key = archiveKey(kind, body);
      // A feed body often comes back unchanged, and a HEAD is cheaper than re-uploading it. Pages
      // and texts are stored once per new item, where a HEAD would only add a request. Two
      // writers racing on one key store identical bytes.
      if (kind === 'feed' && (await exists(s3, bucket, Key))) return Key;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: gzipSync(body),
          ContentType: contentType,
          ContentEncoding: 'gzip',
        }),
      );
      return Key;
    },
  };
}

/**
 * What `newswatch search` reads, apart from store-access.ts: the S3 client and the whole
 * configuration (schema and query compiler, for the aliases) are search's to load, not every query's.
 */
import { resolve } from 'node:path';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import { createS3ArchiveReader } from '../adapters/s3/archive-reader.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import type { SearchSources } from '../core/query/search.ts';
import { loadLocalConfig } from '../local/local-config.ts';
import { DEFAULT_CONFIG } from './common-flags.ts';
import { UsageError } from './io.ts';
import { withLocalStore } from './store-access.ts';

/**
 * The store, the archive's texts and the configuration's aliases. Against a deployment, `--bucket`
 * names the archive (the stack's ArchiveBucket output) and the aliases come from `--config` when
 * it is given.
 */
export async function withSearchSources<T>(
  flags: { config?: string; table?: string; region?: string; bucket?: string },
  cwd: string,
  use: (sources: SearchSources) => Promise<T>,
): Promise<T> {
  if (flags.table) {
    if (!flags.bucket)
      throw new UsageError('with --table, pass --bucket too: the ArchiveBucket output, where item texts are');
    const aws = { region: flags.region };
    const config = flags.config ? loadLocalConfig(resolve(cwd, flags.config)) : undefined;
    return use({
      store: createDynamoStore(createDocumentClient(aws), flags.table),
      archive: createS3ArchiveReader(createS3Client(aws), flags.bucket),
      aliases: config?.aliases,
    });
  }
  const config = loadLocalConfig(resolve(cwd, flags.config ?? DEFAULT_CONFIG));
  return withLocalStore(
    config.local.dataDir,
    cwd,
    (store, archive) => {
      if (!archive) throw new Error('the local archive was not opened');
      return use({ store, archive, aliases: config.aliases });
    },
    { archive: true },
  );
}

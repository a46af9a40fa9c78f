/**
 * Query commands read either the local data folder (default: the one `newswatch run` writes)
 * or, with --table, a deployed table through the normal AWS credential chain.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import { createS3ArchiveReader } from '../adapters/s3/archive-reader.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import type { Config } from '../core/config/schema.ts';
import type { ArchiveReader, Store } from '../core/ports.ts';
import type { SearchSources } from '../core/query/search.ts';
import { loadLocalConfig } from '../local/local-config.ts';
import { openStandIns, openStore } from '../local/shared-standins.ts';
import { LOCAL_BUCKET, LOCAL_TABLE, readStoreConfig } from '../local/store-config.ts';
import { DEFAULT_CONFIG } from './common-flags.ts';
import { InputError, UsageError } from './io.ts';

export { STORE_FLAGS } from './common-flags.ts';

/**
 * The store and the configured topic names. Against a deployed table the topics are known only
 * when --config names the deployment's file.
 */
export async function withStore<T>(
  flags: { config?: string; table?: string; region?: string },
  cwd: string,
  use: (store: Store, topics: string[] | undefined) => Promise<T>,
): Promise<T> {
  if (flags.table) {
    const topics = flags.config ? readStoreConfig(resolve(cwd, flags.config)).topics : undefined;
    return use(createDynamoStore(createDocumentClient({ region: flags.region }), flags.table), topics);
  }
  const config = readStoreConfig(resolve(cwd, flags.config ?? DEFAULT_CONFIG));
  return withLocalStore(config.dataDir, cwd, (store) => use(store, config.topics));
}

export const topicNames = (config: Config): string[] => config.topics.map((t) => t.name);

/**
 * What a search reads: the store, the archive's texts and the configuration's aliases. Against a
 * deployment, `--bucket` names the archive (the stack's ArchiveBucket output) and the aliases come
 * from `--config` when it is given.
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

/** The texts `newswatch run` archived, through the stand-ins at `endpoints`. */
export const localArchive = (endpoints: AwsEndpoints): ArchiveReader =>
  createS3ArchiveReader(createS3Client({ endpoints }), LOCAL_BUCKET);

/**
 * The local data folder's store, through the stand-ins of a newswatch already holding it. A
 * long-running command publishes its own stand-ins for others (`share`); a query that lasts a
 * second does not, so no run comes to depend on stand-ins about to stop, and it starts only the
 * DynamoDB one it reads, unless it reads the archive too (`archive`: search).
 */
export async function withLocalStore<T>(
  localDataDir: string,
  cwd: string,
  use: (store: Store, archive: ArchiveReader | undefined) => Promise<T>,
  opts: { share?: boolean; archive?: boolean } = {},
): Promise<T> {
  const dataDir = resolve(cwd, localDataDir);
  if (!existsSync(dataDir))
    throw new InputError(`no local data in ${dataDir}: run \`newswatch run --once\` first`);
  const standIns =
    opts.share || opts.archive
      ? await openStandIns({ dataDir, sesPort: 0, share: opts.share ?? false })
      : await openStore(dataDir);
  const dynamodb = 'endpoint' in standIns ? standIns.endpoint : standIns.endpoints.dynamodb;
  try {
    const store = createDynamoStore(createDocumentClient({ endpoints: { dynamodb } }), LOCAL_TABLE);
    return await use(store, 'endpoints' in standIns ? localArchive(standIns.endpoints) : undefined);
  } finally {
    await standIns.stop();
  }
}

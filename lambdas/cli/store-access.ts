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
import { LOCAL_BUCKET, LOCAL_TABLE, loadLocalConfig } from '../local/run.ts';
import { openStandIns } from '../local/shared-standins.ts';
import { DEFAULT_CONFIG } from './commands/run.ts';
import { InputError, UsageError } from './io.ts';

export const STORE_FLAGS = {
  config: { type: 'string', short: 'c' },
  table: { type: 'string' },
  region: { type: 'string' },
} as const;

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
    const topics = flags.config ? topicNames(loadLocalConfig(resolve(cwd, flags.config))) : undefined;
    return use(createDynamoStore(createDocumentClient({ region: flags.region }), flags.table), topics);
  }
  const config = loadLocalConfig(resolve(cwd, flags.config ?? DEFAULT_CONFIG));
  return withLocalStore(config, cwd, (store) => use(store, topicNames(config)));
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
  return withLocalStore(config, cwd, (store, archive) => use({ store, archive, aliases: config.aliases }));
}

/** The texts `newswatch run` archived, through the stand-ins at `endpoints`. */
export const localArchive = (endpoints: AwsEndpoints): ArchiveReader =>
  createS3ArchiveReader(createS3Client({ endpoints }), LOCAL_BUCKET);

/**
 * The local data folder's store, through the stand-ins of a newswatch already holding it. A
 * long-running command publishes its own stand-ins for others (`share`); a query that lasts a
 * second does not, so no run comes to depend on stand-ins about to stop.
 */
export async function withLocalStore<T>(
  config: Config,
  cwd: string,
  use: (store: Store, archive: ArchiveReader) => Promise<T>,
  opts: { share?: boolean } = {},
): Promise<T> {
  const dataDir = resolve(cwd, config.local.dataDir);
  if (!existsSync(dataDir))
    throw new InputError(`no local data in ${dataDir}: run \`newswatch run --once\` first`);
  const standIns = await openStandIns({ dataDir, sesPort: 0, share: opts.share ?? false });
  try {
    const { endpoints } = standIns;
    return await use(
      createDynamoStore(createDocumentClient({ endpoints }), LOCAL_TABLE),
      localArchive(endpoints),
    );
  } finally {
    await standIns.stop();
  }
}

/**
 * Query commands read either the local data folder (default: the one `newswatch run` writes)
 * or, with --table, a deployed table through the normal AWS credential chain.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import type { Config } from '../core/config/schema.ts';
import type { ArchiveReader, Store } from '../core/ports.ts';
import { openStandIns, openStore } from '../local/shared-standins.ts';
import { LOCAL_TABLE, readStoreConfig } from '../local/store-config.ts';
import { DEFAULT_CONFIG } from './common-flags.ts';
import { InputError } from './io.ts';

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
 * The local data folder's store, through the stand-ins of a newswatch already holding it. A
 * long-running command publishes its own stand-ins for others (`share`); a query that lasts a
 * second does not, so no run comes to depend on stand-ins about to stop, and it starts only the
 * DynamoDB one it reads, and the S3 one when it reads the archive too (`archive`: search).
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
  const standIns = opts.share
    ? await openStandIns({ dataDir, sesPort: 0, share: true })
    : await openStore(dataDir, { archive: opts.archive ?? false });
  const { endpoints } = standIns;
  try {
    const store = createDynamoStore(createDocumentClient({ endpoints }), LOCAL_TABLE);
    const archive =
      opts.share || opts.archive ? (await import('./local-archive.ts')).localArchive(endpoints) : undefined;
    return await use(store, archive);
  } finally {
    await standIns.stop();
  }
}

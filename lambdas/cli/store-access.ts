/**
 * Query commands read either the local data folder (default: the one `newswatch run` writes)
 * or, with --table, a deployed table through the normal AWS credential chain.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store.ts';
import type { Store } from '../core/ports.ts';
import { LOCAL_TABLE, loadLocalConfig } from '../local/run.ts';
import { startStandIns } from '../local/standins.ts';
import { DEFAULT_CONFIG } from './commands/run.ts';
import { InputError } from './io.ts';

export const STORE_FLAGS = {
  config: { type: 'string', short: 'c' },
  table: { type: 'string' },
  region: { type: 'string' },
} as const;

export async function withStore<T>(
  flags: { config?: string; table?: string; region?: string },
  cwd: string,
  use: (store: Store) => Promise<T>,
): Promise<T> {
  if (flags.table) return use(createDynamoStore(createDocumentClient({ region: flags.region }), flags.table));
  const config = loadLocalConfig(flags.config ?? DEFAULT_CONFIG);
  const dataDir = resolve(cwd, config.local.dataDir);
  if (!existsSync(dataDir))
    throw new InputError(`no local data in ${dataDir}: run \`newswatch run --once\` first`);
  const standIns = await startStandIns({ dataDir, sesPort: 0 });
  try {
    return await use(createDynamoStore(createDocumentClient({ endpoints: standIns.endpoints }), LOCAL_TABLE));
  } finally {
    await standIns.stop();
  }
}

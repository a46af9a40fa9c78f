/**
 * Query commands read either the local data folder (default: the one `newswatch run` writes)
 * or, with --table, a deployed table through the normal AWS credential chain.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDocumentClient } from '../adapters/aws-clients.ts';
import { createDynamoStore } from '../adapters/dynamodb/store.ts';
import type { Config } from '../core/config/schema.ts';
import type { Store } from '../core/ports.ts';
import { LOCAL_TABLE, loadLocalConfig } from '../local/run.ts';
import { openStandIns } from '../local/shared-standins.ts';
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
  use: (store: Store, config: Config) => Promise<T>,
): Promise<T> {
  // The configuration names the topics a reader may ask for, against a deployed table too.
  const config = loadLocalConfig(resolve(cwd, flags.config ?? DEFAULT_CONFIG));
  if (flags.table)
    return use(createDynamoStore(createDocumentClient({ region: flags.region }), flags.table), config);
  const dataDir = resolve(cwd, config.local.dataDir);
  if (!existsSync(dataDir))
    throw new InputError(`no local data in ${dataDir}: run \`newswatch run --once\` first`);
  const standIns = await openStandIns({ dataDir, sesPort: 0 });
  try {
    return await use(
      createDynamoStore(createDocumentClient({ endpoints: standIns.endpoints }), LOCAL_TABLE),
      config,
    );
  } finally {
    await standIns.stop();
  }
}

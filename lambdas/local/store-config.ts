/**
 * The configuration as a query command reads it, apart from local-config.ts so that reading it
 * loads neither the schema nor the query compiler.
 */
import { LOCAL_DEFAULTS } from '../core/config/local-defaults.ts';
import { parseConfigYaml, readConfigText } from '../core/config/read.ts';

export const LOCAL_TABLE = 'newswatch';
export const LOCAL_BUCKET = 'newswatch-archive';

/** What a query needs of the configuration: where the local data is, and the topics' names. */
export interface StoreConfig {
  dataDir: string;
  topics: string[];
}

/**
 * Reads those two, and nothing else: a query reads what `run` stored under a configuration it
 * validated whole, and loading the schema and the query compiler would take longer than the query.
 * A field of another shape than the schema's counts as absent here.
 */
export function readStoreConfig(path: string): StoreConfig {
  const raw = record(parseConfigYaml(readConfigText(path), path));
  const dataDir = record(raw.local).dataDir;
  const topics = Array.isArray(raw.topics) ? raw.topics.map((t) => record(t).name) : [];
  return {
    dataDir: typeof dataDir === 'string' ? dataDir : LOCAL_DEFAULTS.dataDir,
    topics: topics.flatMap((name) => (typeof name === 'string' && name.trim() ? [name.trim()] : [])),
  };
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

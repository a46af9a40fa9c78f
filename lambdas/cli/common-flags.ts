/** Flags several commands take, declared once so their help reads the same everywhere. */
export const DEFAULT_CONFIG = 'config/local.yaml';

export const CONFIG_FLAG = {
  config: {
    type: 'string',
    short: 'c',
    value: 'FILE',
    help: `the configuration file (default ${DEFAULT_CONFIG})`,
  },
} as const;

/** Where a query reads: the local data folder, or a deployed table. */
export const STORE_FLAGS = {
  ...CONFIG_FLAG,
  table: { type: 'string', value: 'T', help: "a deployment's DynamoDB table (its TableName output)" },
  region: { type: 'string', value: 'R', help: "the deployment's AWS region (default: the AWS profile's)" },
} as const;

export const SINCE_FLAG = {
  since: { type: 'string', value: 'WHEN', help: 'only since then: 30m, 24h, 7d, 2w or a date (2026-11-01)' },
} as const;

export const LIMIT_FLAG = { limit: { type: 'string', value: 'N', help: 'at most N rows' } } as const;

export const JSON_FLAG = { json: { type: 'boolean', help: 'one JSON object a line' } } as const;

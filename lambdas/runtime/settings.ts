/** The validated environment and bundled configuration, read once per cold start. */
import { parseConfig } from '../core/config/load.ts';
import type { Config } from '../core/config/schema.ts';
import { inlinedConfig, type LambdaEnv, readEnv } from './env.ts';
import { once } from './from-env.ts';

export interface Settings {
  env: LambdaEnv;
  config: Config;
}

export const settings = once<Settings>(() => ({
  env: readEnv(),
  config: parseConfig(inlinedConfig(), 'bundled configuration'),
}));

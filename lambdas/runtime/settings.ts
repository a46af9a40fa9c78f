/**
 * The validated environment and bundled configuration, read once per cold start. The
 * configuration was validated in full at synth (lib/app.ts) and inlined as JSON with its defaults
 * applied, so a cold start neither parses YAML nor loads the schema.
 */
import type { Config } from '../core/config/schema.ts';
import { inlinedConfig, type LambdaEnv, readEnv } from './env.ts';
import { once } from './from-env.ts';

export interface Settings {
  env: LambdaEnv;
  config: Config;
}

export const settings = once<Settings>(() => ({
  env: readEnv(),
  config: JSON.parse(inlinedConfig()) as Config,
}));

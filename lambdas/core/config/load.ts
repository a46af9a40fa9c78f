/** Reads and validates the configuration, failing with one message that names the field. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { compileTopics } from '../topics/index.ts';
import { ConfigError } from './errors.ts';
import { type Config, configSchema } from './schema.ts';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function describe(source: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${fieldPath(issue.path) || '(top level)'}: ${issue.message}`);
  return `${source}: invalid configuration: ${issues.join('; ')}`;
}

/** Compiling the queries is their validation: a syntax error fails here, at start or synth. */
function checkQueries(config: Config, source: string): void {
  try {
    compileTopics({ aliases: config.aliases, topics: config.topics });
  } catch (err) {
    throw new ConfigError(`${source}: invalid configuration: ${(err as Error).message}`, { cause: err });
  }
}

/** Validates configuration text (YAML or JSON). `source` names it in errors. */
export function parseConfig(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, {
      cause: err,
    });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(describe(source, result.error), { cause: result.error });
  checkQueries(result.data, source);
  return result.data;
}

export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read the configuration file: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseConfig(text, path);
}

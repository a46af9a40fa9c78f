/** Reads and validates the configuration, listing every problem with the field it is in. */
import type { z } from 'zod';
import { compileTopics, topicsSectionSchema } from '../topics/index.ts';
import { ConfigError } from './errors.ts';
import { parseConfigYaml, readConfigText } from './read.ts';
import { type Config, configSchema } from './schema.ts';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

const describe = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${fieldPath(issue.path) || '(top level)'}: ${issue.message}`);

/**
 * Compiling the queries is their validation. Each topic is compiled on its own so that every bad
 * query is reported, and independently of the rest of the file so a typo elsewhere hides none.
 */
function queryProblems(raw: unknown): string[] {
  const { aliases, topics } = (raw ?? {}) as Record<string, unknown>;
  const section = topicsSectionSchema.safeParse({ aliases, topics });
  if (!section.success) return [];
  const problems = section.data.topics.flatMap((topic) => {
    try {
      compileTopics({ aliases: section.data.aliases, topics: [topic] });
      return [];
    } catch (err) {
      return [(err as Error).message];
    }
  });
  return [...new Set(problems)];
}

/** Validates configuration text (YAML or JSON). `source` names it in errors. */
export function parseConfig(text: string, source: string): Config {
  const raw = parseConfigYaml(text, source);
  const result = configSchema.safeParse(raw);
  const problems = [...(result.success ? [] : describe(result.error)), ...queryProblems(raw)];
  if (problems.length > 0 || !result.success) {
    throw new ConfigError(
      problems.map((p) => `${source}: invalid configuration: ${p}`),
      { cause: result.error },
    );
  }
  return result.data;
}

export function loadConfig(path: string): Config {
  return parseConfig(readConfigText(path), path);
}

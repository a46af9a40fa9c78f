/** Reads and validates the configuration, listing every problem with the field it is in. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { compileTopics, topicsSectionSchema } from '../topics/index.ts';
import { ConfigError } from './errors.ts';
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

/**
 * The parser's first line ends "at line 3, column 2:", introducing an excerpt that a one-line
 * message leaves out: the place goes first instead, and the colon goes.
 */
function yamlProblem(err: Error & { linePos?: { line: number; col: number }[] }): string {
  const reason = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const at = err.linePos?.[0];
  return `${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${reason}`;
}

/** Validates configuration text (YAML or JSON). `source` names it in errors. */
export function parseConfig(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid YAML${yamlProblem(err as Error)}`, { cause: err });
  }
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError(`${path}: cannot read the configuration file: ${reason}`, { cause: err });
  }
  return parseConfig(text, path);
}

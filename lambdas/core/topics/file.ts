/** Reads the topics (and aliases) from a YAML file: a topics file or the main config file. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { TopicsFileError } from './errors.ts';
import { type TopicsSection, topicsSectionSchema } from './schema.ts';

export function loadTopicsFile(path: string): TopicsSection {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TopicsFileError(`cannot read topics file ${path}`, { cause: error });
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TopicsFileError(`${path} is not valid YAML: ${reason}`, { cause: error });
  }
  const result = topicsSectionSchema.safeParse(data);
  if (!result.success)
    throw new TopicsFileError(`${path}: ${describeIssues(result.error)}`, { cause: result.error });
  return result.data;
}

/** "topics[1].recipients[0]: Invalid email address; …" */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
        .join('');
      return `${path || 'file'}: ${issue.message}`;
    })
    .join('; ');
}

/** Flag parsing shared by the commands: `--name value`, `--flag`, and positionals. */
import { parseArgs } from 'node:util';
import { HelpRequest, UsageError } from './io.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseFlags<T extends FlagSpec>(argv: string[], spec: T, usage: string) {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(`usage: ${usage}`);
  try {
    return parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`, { cause: err });
  }
}

export function requireFlag(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`--${name} is required\nusage: ${usage}`);
  return value;
}

/**
 * The configuration file's text as YAML data, before any validation, with the one-line errors a
 * user can act on. Apart from load.ts so a reader that needs two fields loads no schema.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './errors.ts';

export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError(`${path}: cannot read the configuration file: ${reason}`, { cause: err });
  }
}

/** YAML (or JSON) text as data. `source` names it in errors. */
export function parseConfigYaml(text: string, source: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid YAML${yamlProblem(err as Error)}`, { cause: err });
  }
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

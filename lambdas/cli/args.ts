/**
 * The command line as each command declares it: its usage, its flags (with their help) and how
 * many arguments it takes. From that one table come `--help`, the parsing, and the one-line refusal
 * of anything else, with a "did you mean" when a flag is a typo of one the command takes.
 */
import { parseArgs } from 'node:util';
import { HelpRequest, UsageError } from './io.ts';
import { closest } from './suggest.ts';

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help, e.g. FILE. */
  value?: string;
  help?: string;
}

export type FlagSpec = Record<string, Flag>;

export interface CommandLine<F extends FlagSpec> {
  usage: string;
  summary?: string;
  flags: F;
  /** The most arguments (non-flags) it takes; none unless said. */
  maxArgs?: number;
}

export type FlagValues<F extends FlagSpec> = {
  [K in keyof F]?: F[K]['type'] extends 'string' ? string : boolean;
};

/** The CLI's own words for every command; lambdas/cli/main.ts lists the commands. */
export function helpText(line: CommandLine<FlagSpec>): string {
  const rows = Object.entries(line.flags).map(([name, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` ${f.value}` : ''}`;
    return [left, f.help ?? ''] as const;
  });
  rows.push(['-h, --help', 'print this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  const options = rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`.trimEnd());
  const summary = line.summary ? `\n${line.summary}\n` : '';
  return `usage: ${line.usage}\n${summary}\noptions:\n${options.join('\n')}`;
}

export function parseCommandLine<F extends FlagSpec>(argv: string[], line: CommandLine<F>) {
  const before = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (before.includes('--help') || before.includes('-h')) throw new HelpRequest(helpText(line));
  for (const arg of before) checkKnown(arg, line);
  const options = Object.fromEntries(
    Object.entries(line.flags).map(([name, f]) => [
      name,
      f.short ? { type: f.type, short: f.short } : { type: f.type },
    ]),
  );
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(parseProblem(err as Error & { code?: string }, line), { cause: err });
  }
  const extra = parsed.positionals.slice(line.maxArgs ?? 0);
  if (extra.length > 0) {
    const takes = line.maxArgs ? `at most ${line.maxArgs} argument(s)` : 'no arguments';
    throw new UsageError(`unexpected argument "${extra[0]}": it takes ${takes} (usage: ${line.usage})`);
  }
  return { values: parsed.values as FlagValues<F>, positionals: parsed.positionals };
}

/**
 * The shape commands used before they declared their arguments: any number of them, checked by
 * the command itself.
 */
export function parseFlags<F extends FlagSpec>(argv: string[], flags: F, usage: string) {
  return parseCommandLine(argv, { usage, flags, maxArgs: Number.POSITIVE_INFINITY });
}

function checkKnown(arg: string, line: CommandLine<FlagSpec>): void {
  if (arg.startsWith('--')) {
    const name = arg.slice(2).split('=')[0] ?? '';
    if (name in line.flags) return;
    const guess = closest(name, Object.keys(line.flags));
    throw new UsageError(
      `unknown option --${name}${guess ? `; did you mean --${guess}?` : ''} (usage: ${line.usage})`,
    );
  }
  if (/^-[^-\d]/.test(arg)) {
    const short = arg[1];
    if (Object.values(line.flags).some((f) => f.short === short)) return;
    throw new UsageError(`unknown option -${short} (usage: ${line.usage})`);
  }
}

/** Node's parser explains in its own terms; what is left after checkKnown is a flag's value. */
function parseProblem(err: Error & { code?: string }, line: CommandLine<FlagSpec>): string {
  const flag = Object.entries(line.flags).find(([name]) =>
    new RegExp(`--${name}(?![\\w-])`).test(err.message),
  );
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const [name, f] = flag;
    return f.type === 'string'
      ? `--${name} needs a value${f.value ? ` (${f.value})` : ''}`
      : `--${name} takes no value`;
  }
  return `${err.message.split('\n')[0]} (usage: ${line.usage})`;
}

export function requireFlag(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`--${name} is required (usage: ${usage})`);
  return value;
}

/**
 * The subcommand `argv` starts with (`feeds import`), or none when it starts with a flag or has
 * no arguments. A word close to a subcommand's name is refused with that name.
 */
export function subcommandOf<S extends string>(argv: string[], names: readonly S[]): S | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-')) return undefined;
  if ((names as readonly string[]).includes(first)) return first as S;
  const guess = closest(first, names);
  if (guess) throw new UsageError(`unknown subcommand "${first}"; did you mean "${guess}"?`);
  return undefined;
}

/** `--limit N`: a positive integer, or absent. */
export function limitOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit must be a positive integer, got "${value}"`);
  return n;
}

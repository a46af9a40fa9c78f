/** What a CLI command needs from the process, so tests can run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Bad flags or arguments: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help` on a command: its usage goes to stdout and the exit code is 0. */
export class HelpRequest extends Error {
  override name = 'HelpRequest';
}

/** Input the user gave that cannot be read (malformed JSONL line, invalid config): exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A command: resolves to the process exit code; throws UsageError/InputError for code 2. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

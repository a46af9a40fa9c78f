/**
 * `newswatch <command>`: exit 0 on success, 2 on bad usage or invalid input, 1 otherwise; errors
 * go to stderr as one line in the user's terms (no class names). Commands load lazily so
 * `newswatch tag` does not pay for the AWS SDK.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/config/errors.ts';
import { NotFoundError } from '../core/query/queries.ts';
import { type CliIO, type Command, HelpRequest, InputError, UsageError } from './io.ts';
import { closest } from './suggest.ts';

const COMMANDS: Record<string, { help: string; load: () => Promise<Command> }> = {
  run: {
    help: 'run the pipeline locally on the stand-ins',
    load: async () => (await import('./commands/run.ts')).runCommand,
  },
  serve: {
    help: 'serve the reading page over what is stored',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  cluster: {
    help: 'group articles (JSONL) into stories',
    load: async () => (await import('./commands/cluster.ts')).clusterCommand,
  },
  tag: {
    help: 'tag items (JSONL) with topics',
    load: async () => (await import('./commands/tag.ts')).tagCommand,
  },
  topics: {
    help: 'topics check FILE: validate and normalise queries',
    load: async () => (await import('./commands/topics.ts')).topicsCommand,
  },
  parse: { help: 'parse feed files', load: async () => (await import('./commands/parse.ts')).parseCommand },
  extract: {
    help: 'extract main text from pages (JSONL)',
    load: async () => (await import('./commands/extract.ts')).extractCommand,
  },
  feeds: {
    help: 'feed health; feeds import FILE.opml, feeds export, feeds discover URL',
    load: async () => (await import('./commands/feeds.ts')).feedsCommand,
  },
  stories: {
    help: 'list recent stories',
    load: async () => (await import('./commands/query.ts')).storiesCommand,
  },
  search: {
    help: 'search stored stories with a query in the topic language',
    load: async () => (await import('./commands/search.ts')).searchCommand,
  },
  explain: {
    help: 'show how a story was grouped and matched',
    load: async () => (await import('./commands/query.ts')).explainCommand,
  },
  matches: {
    help: "list a topic's matches",
    load: async () => (await import('./commands/query.ts')).matchesCommand,
  },
  items: {
    help: 'items --parked: items the story stage set aside; items redrive: queue them again',
    load: async () => (await import('./commands/items.ts')).itemsCommand,
  },
  alerts: {
    help: 'list alert emails: pending, sent or failed, and why',
    load: async () => (await import('./commands/query.ts')).alertsCommand,
  },
  preflight: {
    help: 'check an AWS account is ready for a deploy',
    load: async () => (await import('./commands/preflight.ts')).preflightCommand,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.help}`);
  return `usage: newswatch <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

function oneLine(err: unknown): string {
  return String((err as Error).message ?? err).split('\n')[0] ?? '';
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return `newswatch ${pkg.version}\n`;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout(version());
    return 0;
  }
  // `newswatch help stories` is `newswatch stories --help`.
  if (name === 'help' && rest[0] !== undefined) return main([rest[0], '--help'], io);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    const guess = closest(name, Object.keys(COMMANDS));
    const hint = guess ? `did you mean "${guess}"?` : '`newswatch --help` lists the commands';
    io.stderr(`newswatch: unknown command "${name}"; ${hint}\n`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    if (err instanceof HelpRequest) {
      io.stdout(`${err.message}\n`);
      return 0;
    }
    if (err instanceof UsageError) {
      io.stderr(`newswatch ${name}: ${oneLine(err)}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr(err.problems.map((problem) => `newswatch ${name}: ${problem}\n`).join(''));
      return 2;
    }
    if (err instanceof InputError || err instanceof NotFoundError) {
      io.stderr(`newswatch ${name}: ${oneLine(err)}\n`);
      return 2;
    }
    io.stderr(`newswatch ${name}: ${oneLine(err)}\n`);
    return 1;
  }
}

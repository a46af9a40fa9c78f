/** `newswatch topics check FILE`: validates the topics and prints each query as parsed. */
import { resolve } from 'node:path';
import {
  compileTopics,
  loadTopicsFile,
  type TopicMatcher,
  TopicQueryError,
  TopicsFileError,
} from '../../core/topics/index.ts';
import { parseCommandLine, subcommandOf } from '../args.ts';
import { type Command, InputError, UsageError } from '../io.ts';

const CHECK_LINE = {
  usage: 'newswatch topics check FILE',
  summary:
    'Validates the topics of FILE (a configuration or a topics file) and prints each query normalised.',
  flags: {},
  maxArgs: 1,
} as const;

export const topicsCommand: Command = async (argv, io) => {
  const sub = subcommandOf(argv, ['check']);
  const { positionals } = parseCommandLine(sub ? argv.slice(1) : argv, CHECK_LINE);
  const [file] = positionals;
  if (sub === undefined || file === undefined)
    throw new UsageError(`expected "check FILE" (usage: ${CHECK_LINE.usage})`);
  const matcher = loadMatcher(resolve(io.cwd, file));
  for (const topic of matcher.topics) io.stdout(`${topic.name}: ${topic.normalised}\n`);
  io.stderr(`${matcher.topics.length} topics OK\n`);
  return 0;
};

/** Loads and compiles a topics file; a bad file or query is the user's input error (exit 2). */
export function loadMatcher(path: string): TopicMatcher {
  try {
    return compileTopics(loadTopicsFile(path));
  } catch (error) {
    if (error instanceof TopicsFileError || error instanceof TopicQueryError) {
      throw new InputError(error.message, { cause: error });
    }
    throw error;
  }
}

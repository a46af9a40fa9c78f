/** `newswatch topics check FILE`: validates the topics and prints each query as parsed. */
import { resolve } from 'node:path';
import {
  compileTopics,
  loadTopicsFile,
  type TopicMatcher,
  TopicQueryError,
  TopicsFileError,
} from '../../core/topics/index.ts';
import { type Command, HelpRequest, InputError, UsageError } from '../io.ts';

const USAGE = 'newswatch topics check FILE';

export const topicsCommand: Command = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(`usage: ${USAGE}`);
  const [sub, file, ...extra] = argv;
  if (sub !== 'check' || file === undefined || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
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

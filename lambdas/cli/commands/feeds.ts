/**
 * `newswatch feeds`: the feeds' health (see query.ts), and the subscription list the way reader
 * users bring it (see subscriptions.ts). Each is loaded only when asked for: the health is a
 * query, and should not pay for the configuration schema and the feed parsers the others use.
 */
import { type CommandLine, type FlagSpec, helpText, subcommandOf } from '../args.ts';
import { type Command, HelpRequest } from '../io.ts';

const SUBCOMMANDS = ['import', 'export', 'discover'] as const;

export const feedsCommand: Command = async (argv, io) => {
  const sub = subcommandOf(argv, SUBCOMMANDS);
  if (sub) return (await import('./subscriptions.ts')).SUBSCRIPTION_COMMANDS[sub](argv.slice(1), io);
  const { FEEDS_LINE, feedHealthCommand } = await import('./query.ts');
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(await feedsHelp(FEEDS_LINE));
  return feedHealthCommand(argv, io);
};

async function feedsHelp(health: CommandLine<FlagSpec>): Promise<string> {
  const { SUBSCRIPTION_LINES } = await import('./subscriptions.ts');
  const subs = SUBSCRIPTION_LINES.map((line) => `  ${line.usage}`);
  return `${helpText(health)}\n\nsubcommands (each takes --help):\n${subs.join('\n')}`;
}

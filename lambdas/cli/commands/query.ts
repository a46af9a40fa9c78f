/** Read commands: `feeds`, `stories`, `story ID`, `explain ID`, `matches TOPIC`. */
import { feedHealth, listStories, storyDetail, topicMatches } from '../../core/query/queries.ts';
import { parseFlags } from '../args.ts';
import { type Command, UsageError } from '../io.ts';
import { STORE_FLAGS, withStore } from '../store-access.ts';

const LIST_FLAGS = {
  ...STORE_FLAGS,
  since: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function limitOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit must be a positive integer, got "${value}"`);
  return n;
}

/** `newswatch feeds` without a subcommand (see feeds.ts). */
export const feedHealthCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, LIST_FLAGS, 'newswatch feeds [--json] [--table T --region R]');
  const feeds = await withStore(values, io.cwd, feedHealth);
  if (values.json) {
    for (const f of feeds) io.stdout(`${JSON.stringify(f)}\n`);
    return 0;
  }
  for (const f of feeds) {
    const health =
      f.consecutiveFailures > 0
        ? `FAILING x${f.consecutiveFailures}: ${f.lastErrorKind} ${f.lastErrorMessage}`
        : 'ok';
    io.stdout(
      `${f.feedId}\t${health}\tlast success ${f.lastSuccessAt ?? 'never'}\tnext ${f.nextAttemptAt ?? 'on schedule'}\t${f.url}\n`,
    );
  }
  return 0;
};

export const storiesCommand: Command = async (argv, io) => {
  const usage = 'newswatch stories [--since ISO] [--limit N] [--json]';
  const { values } = parseFlags(argv, LIST_FLAGS, usage);
  const stories = await withStore(values, io.cwd, (s) =>
    listStories(s, { since: values.since, limit: limitOf(values.limit) }),
  );
  for (const story of stories) {
    io.stdout(
      values.json
        ? `${JSON.stringify(story)}\n`
        : `${story.id}\t${story.firstSeen}\t${story.outletCount} outlet(s)\t${story.headline}\n`,
    );
  }
  return 0;
};

function storyId(positionals: string[], usage: string): string {
  const [id, ...rest] = positionals;
  if (!id || rest.length) throw new UsageError(`expected one story id\nusage: ${usage}`);
  return id;
}

export const explainCommand: Command = async (argv, io) => {
  const usage = 'newswatch explain STORY_ID [--json]';
  const { values, positionals } = parseFlags(argv, LIST_FLAGS, usage);
  const detail = await withStore(values, io.cwd, (s) => storyDetail(s, storyId(positionals, usage)));
  if (values.json) {
    io.stdout(`${JSON.stringify(detail, null, 2)}\n`);
    return 0;
  }
  const { story, members, matches } = detail;
  io.stdout(
    `${story.headline}\nstory ${story.id} · first seen ${story.firstSeen} · first outlet ${story.firstOutlet}\n`,
  );
  if (story.mergedFrom) io.stdout(`merged from ${story.mergedFrom.join(', ')}\n`);
  io.stdout(`${story.outletCount} outlet(s): ${story.outlets.join(', ')}\n\nMembers:\n`);
  for (const m of members) {
    io.stdout(`  ${m.outlet ?? '?'}: ${m.title ?? m.itemId}\n`);
    const how = m.isNew ? 'started the story' : `${m.method}, score ${m.score.toFixed(3)}`;
    io.stdout(`    ${how}${m.evidence.matchedItemId ? ` (against ${m.evidence.matchedItemId})` : ''}\n`);
    for (const [label, values] of Object.entries(m.evidence)) {
      if (Array.isArray(values) && values.length)
        io.stdout(`    ${label}: ${values.slice(0, 8).join(' | ')}\n`);
    }
    if (m.evidence.note) io.stdout(`    note: ${m.evidence.note}\n`);
    if (m.merged) io.stdout(`    merged: ${m.merged.join(', ')} (this item matched them too)\n`);
  }
  io.stdout(`\nTopic matches:${matches.length ? '' : ' none'}\n`);
  for (const t of matches)
    io.stdout(`  ${t.topic}: ${t.terms.join(', ')} in ${t.fields.join(', ')} — "${t.snippet}"\n`);
  return 0;
};

export const matchesCommand: Command = async (argv, io) => {
  const usage = 'newswatch matches TOPIC [--since ISO] [--limit N] [--json]';
  const { values, positionals } = parseFlags(argv, LIST_FLAGS, usage);
  const topic = positionals.join(' ');
  if (!topic) throw new UsageError(`expected a topic name\nusage: ${usage}`);
  const matches = await withStore(values, io.cwd, (s) =>
    topicMatches(s, topic, { since: values.since, limit: limitOf(values.limit) }),
  );
  for (const m of matches) {
    io.stdout(
      values.json
        ? `${JSON.stringify(m)}\n`
        : `${m.matchedAt}\t${m.storyId}\t${m.terms.join(', ')}\t${m.snippet}\n`,
    );
  }
  return 0;
};

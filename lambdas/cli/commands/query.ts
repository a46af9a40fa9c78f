/** Read commands: `feeds`, `stories`, `story ID`, `explain ID`, `matches TOPIC`, `alerts`. */
import type { AlertIntent, KindEvidence } from '../../core/model.ts';
import {
  alertIntents,
  feedHealth,
  listStories,
  type StoryDetail,
  type StoryMember,
  storyDetail,
  topicStories,
} from '../../core/query/queries.ts';
import { readableTime, whenReported } from '../../core/query/readable.ts';
import { InvalidSinceError, parseSince } from '../../core/query/since.ts';
import { type CommandLine, limitOf, parseCommandLine } from '../args.ts';
import { JSON_FLAG, LIMIT_FLAG, SINCE_FLAG, STORE_FLAGS } from '../common-flags.ts';
import { type Command, UsageError } from '../io.ts';
import { withStore } from '../store-access.ts';

const STORE_USAGE = '[--config FILE | --table T --region R]';
const LIST_FLAGS = { ...SINCE_FLAG, ...LIMIT_FLAG, ...JSON_FLAG, ...STORE_FLAGS } as const;

export const FEEDS_LINE = {
  usage: `newswatch feeds [--json] ${STORE_USAGE}`,
  summary: "The feeds' health: last success, last error, consecutive failures, next attempt.",
  flags: { ...JSON_FLAG, ...STORE_FLAGS },
} satisfies CommandLine<typeof JSON_FLAG & typeof STORE_FLAGS>;

const STORIES_LINE = {
  usage: `newswatch stories [--since WHEN] [--limit N] [--json] ${STORE_USAGE}`,
  summary: 'Recent stories, newest first: id, first seen, outlets, headline.',
  flags: LIST_FLAGS,
} satisfies CommandLine<typeof LIST_FLAGS>;

const EXPLAIN_FLAGS = { ...JSON_FLAG, ...STORE_FLAGS } as const;
const EXPLAIN_LINE = {
  usage: `newswatch explain STORY_ID [--json] ${STORE_USAGE}`,
  summary: 'How a story was grouped (each copy, why it joined) and matched, and its alerts.',
  flags: EXPLAIN_FLAGS,
  maxArgs: 1,
} satisfies CommandLine<typeof EXPLAIN_FLAGS>;

const MATCHES_LINE = {
  usage: `newswatch matches TOPIC [--since WHEN] [--limit N] [--json] ${STORE_USAGE}`,
  summary:
    "A topic's matches, one row per story: when, headline, outlets, terms. TOPIC may be several words.",
  flags: LIST_FLAGS,
  maxArgs: Number.POSITIVE_INFINITY,
} satisfies CommandLine<typeof LIST_FLAGS>;

const ALERTS_LINE = {
  usage: `newswatch alerts [--since WHEN] [--limit N] [--json] ${STORE_USAGE}`,
  summary: 'Alert emails: pending (due when), sent (when), failed (why).',
  flags: LIST_FLAGS,
} satisfies CommandLine<typeof LIST_FLAGS>;

function sinceOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseSince(value, new Date());
  } catch (err) {
    if (err instanceof InvalidSinceError) throw new UsageError(`--since: ${err.message}`);
    throw err;
  }
}

/** `newswatch feeds` without a subcommand (see feeds.ts). */
export const feedHealthCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, FEEDS_LINE);
  const feeds = await withStore(values, io.cwd, (s) => feedHealth(s));
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
  const { values } = parseCommandLine(argv, STORIES_LINE);
  const query = { since: sinceOf(values.since), limit: limitOf(values.limit) };
  const stories = await withStore(values, io.cwd, (s) => listStories(s, query));
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
  if (!id || rest.length) throw new UsageError(`expected one story id (usage: ${usage})`);
  return id;
}

/** Evidence as explain labels it: what the two articles share. Keys the engine adds later print as they are. */
const EVIDENCE_LABELS: Record<string, string> = {
  quotes: 'shared quotes',
  entities: 'shared names',
  numbers: 'shared figures',
  terms: 'shared terms',
};

function storyLines({ story }: StoryDetail): string[] {
  const first = story.firstPublished ? `, published ${readableTime(story.firstPublished)}` : '';
  return [
    story.headline,
    `story ${story.id}`,
    `first reported by ${story.firstOutlet}${first}`,
    `${story.outletCount} outlet(s): ${story.outlets.join(', ')} · first seen by newswatch ${readableTime(story.firstSeen)}`,
    ...(story.mergedFrom ? [`merged from ${story.mergedFrom.join(', ')}`] : []),
  ];
}

function memberLines(m: StoryMember, position: number): string[] {
  const label = m.firstReport ? ' · first report' : '';
  const lines = [
    `  ${position}. ${m.outlet ?? `item ${m.itemId}`} · ${whenReported(m)}${label}`,
    `     ${m.title?.trim() || '(untitled)'}`,
    ...(m.url ? [`     ${m.url}`] : []),
    `     ${m.reason}`,
  ];
  if (m.evidence.kinds) lines.push(...kindLines(m.evidence.kinds));
  else
    for (const [key, values] of Object.entries(m.evidence)) {
      if (Array.isArray(values) && values.length)
        lines.push(`     ${EVIDENCE_LABELS[key] ?? key}: ${values.slice(0, 8).join(' | ')}`);
    }
  // With nothing compared the reason says it all; otherwise the engine's own words add detail.
  if (m.evidence.note && m.matched) lines.push(`     engine's note: ${m.evidence.note}`);
  if (m.merged) lines.push(`     also matched ${m.merged.join(', ')}, merged into this story`);
  return lines;
}

/**
 * Each kind of evidence with its share of the model's log-odds, strongest first, in the words
 * the item's text uses: "names: Rubio, Kuala Lumpur +2.10". A kind with nothing shared shows its
 * similarity instead ("dates 0.00 -1.46": both name dates, and not the same ones).
 */
function kindLines(kinds: readonly KindEvidence[]): string[] {
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
  return [...kinds]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .map((k) =>
      k.shared.length > 0
        ? `     ${k.kind}: ${k.shared.join(', ')} ${signed(k.contribution)}`
        : `     ${k.kind} ${k.similarity.toFixed(2)} ${signed(k.contribution)}`,
    );
}

export const explainCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine(argv, EXPLAIN_LINE);
  const id = storyId(positionals, EXPLAIN_LINE.usage);
  const detail = await withStore(values, io.cwd, (s) => storyDetail(s, id));
  if (values.json) {
    io.stdout(`${JSON.stringify(detail, null, 2)}\n`);
    return 0;
  }
  const lines = [
    ...storyLines(detail),
    '',
    'Members, earliest published first:',
    ...detail.members.flatMap((m, i) => memberLines(m, i + 1)),
    '',
    `Topic matches:${detail.matches.length ? '' : ' none'}`,
    ...detail.matches.map(
      (t) =>
        `  ${t.topic} · ${t.outlet ?? `item ${t.itemId}`}: ${t.terms.join(', ')} in ${t.fields.join(', ')} — "${t.snippet}"`,
    ),
    '',
    `Alerts:${detail.alerts.length ? '' : ' none'}`,
    ...detail.alerts.map(
      (a) =>
        `  ${a.topic}${a.outlets ? ` (follow-up at ${a.outlets} outlets)` : ''} → ${a.recipients.join(', ')}: ${a.sentAt ? `sent ${readableTime(a.sentAt)}` : a.status}`,
    ),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
};

export const matchesCommand: Command = async (argv, io) => {
  const usage = MATCHES_LINE.usage;
  const { values, positionals } = parseCommandLine(argv, MATCHES_LINE);
  const name = positionals.join(' ');
  if (!name) throw new UsageError(`expected a topic name (usage: ${usage})`);
  const query = { since: sinceOf(values.since), limit: limitOf(values.limit) };
  const { stories } = await withStore(values, io.cwd, (s, topics) => {
    if (!topics)
      throw new UsageError(
        `with --table, pass the deployment's --config FILE: it names the topics (usage: ${usage})`,
      );
    return topicStories(s, name, topics, query);
  });
  for (const row of stories) {
    io.stdout(
      values.json
        ? `${JSON.stringify(row)}\n`
        : `${row.lastMatchedAt}\t${row.story.id}\t${row.story.headline}\t${row.story.outlets.join(', ')}\t${row.terms.join(', ')}\n`,
    );
  }
  return 0;
};

/** What a reader of the list needs to act: when it went out, or why not and since when. */
function alertState(a: AlertIntent): string {
  if (a.status === 'sent') return `sent ${readableTime(a.sentAt ?? '')}`;
  if (a.status === 'failed')
    return `FAILED ${readableTime(a.failedAt ?? '')}: ${a.lastError ?? 'no reason recorded'}`;
  const retry = a.lastError ? ` (last error after ${a.attempts} attempt(s): ${a.lastError})` : '';
  return a.status === 'sending'
    ? `sending since attempt ${a.attempts}${retry}`
    : `pending, due ${readableTime(a.dueAt)}${retry}`;
}

export const alertsCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, ALERTS_LINE);
  const query = { since: sinceOf(values.since), limit: limitOf(values.limit) };
  const alerts = await withStore(values, io.cwd, (s) => alertIntents(s, query));
  for (const a of alerts) {
    io.stdout(
      values.json
        ? `${JSON.stringify(a)}\n`
        : `${a.status}\t${a.topic}\t${a.storyId}\t${a.mode}\t${a.recipients.join(',')}\t${alertState(a)}\t${a.headline}\n`,
    );
  }
  return 0;
};

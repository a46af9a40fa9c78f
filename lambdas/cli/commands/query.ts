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

function sinceOf(value: string | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseSince(value, new Date());
  } catch (err) {
    if (err instanceof InvalidSinceError) throw new UsageError(`--since: ${err.message}\nusage: ${usage}`);
    throw err;
  }
}

/** `newswatch feeds` without a subcommand (see feeds.ts). */
export const feedHealthCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, LIST_FLAGS, 'newswatch feeds [--json] [--table T --region R]');
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
  const usage = 'newswatch stories [--since 24h|7d|DATE] [--limit N] [--json]';
  const { values } = parseFlags(argv, LIST_FLAGS, usage);
  const query = { since: sinceOf(values.since, usage), limit: limitOf(values.limit) };
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
  if (!id || rest.length) throw new UsageError(`expected one story id\nusage: ${usage}`);
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
  const usage = 'newswatch explain STORY_ID [--json]';
  const { values, positionals } = parseFlags(argv, LIST_FLAGS, usage);
  const detail = await withStore(values, io.cwd, (s) => storyDetail(s, storyId(positionals, usage)));
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
  const usage = 'newswatch matches TOPIC [--since 24h|7d|DATE] [--limit N] [--json]';
  const { values, positionals } = parseFlags(argv, LIST_FLAGS, usage);
  const name = positionals.join(' ');
  if (!name) throw new UsageError(`expected a topic name\nusage: ${usage}`);
  const query = { since: sinceOf(values.since, usage), limit: limitOf(values.limit) };
  const { stories } = await withStore(values, io.cwd, (s, topics) => {
    if (!topics)
      throw new UsageError(
        `with --table, pass the deployment's --config FILE: it names the topics\nusage: ${usage}`,
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
  const usage = 'newswatch alerts [--since 24h|7d|DATE] [--limit N] [--json]';
  const { values } = parseFlags(argv, LIST_FLAGS, usage);
  const query = { since: sinceOf(values.since, usage), limit: limitOf(values.limit) };
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

/** Read side: what the HTTP API and the CLI answer. */
import type { AlertIntent, FeedState, Membership, StoredItem, Story, TopicMatch } from '../model.ts';
import type { Store } from '../ports.ts';
import { creditOf } from '../stories/credit.ts';
import { familyOf, type StoryFamily, storyFamily } from '../stories/family.ts';
import { type ItemRef, memberReason } from './reasons.ts';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export interface StoryMember extends Membership, Omit<ItemRef, 'itemId'> {
  /** The member the story is credited to (stories/credit.ts). */
  firstReport: boolean;
  /** The item the evidence compares this one with. */
  matched?: ItemRef;
  /** How the member started or joined the story, in words. */
  reason: string;
}

/** A story as readers get it: the ranks behind its first reporter and headline stay internal. */
export type StoryView = Omit<Story, 'firstRank' | 'headlineRank'>;

export function storyView(story: Story): StoryView {
  const { firstRank: _first, headlineRank: _headline, ...view } = story;
  return view;
}

/** An alert as a reader of the story sees it: which topic, to whom, and whether it went out. */
export type StoryAlert = Pick<
  AlertIntent,
  'topic' | 'outlets' | 'recipients' | 'status' | 'sentAt' | 'lastError'
>;

export interface StoryDetail {
  story: StoryView;
  /** Earliest published first: the order the story credits its reporters in. */
  members: StoryMember[];
  matches: (TopicMatch & { outlet?: string })[];
  /** Each email owed for a topic (and each follow-up), sent or not; a merged-away story's count. */
  alerts: StoryAlert[];
}

function itemFields(item: StoredItem | undefined): Omit<ItemRef, 'itemId'> {
  return {
    title: item?.title,
    outlet: item?.outlet,
    url: item?.url,
    published: item?.published,
    firstSeen: item?.firstSeen,
    lang: item?.lang,
  };
}

async function itemsById(store: Store, ids: string[]): Promise<Map<string, StoredItem>> {
  const unique = [...new Set(ids)];
  const items = await Promise.all(unique.map((id) => store.getItem(id)));
  return new Map(unique.flatMap((id, i) => (items[i] ? [[id, items[i]] as const] : [])));
}

function memberView(m: Membership, items: Map<string, StoredItem>, firstItemId?: string): StoryMember {
  const matchedId = m.evidence.matchedItemId;
  const matched = matchedId ? { itemId: matchedId, ...itemFields(items.get(matchedId)) } : undefined;
  return {
    ...m,
    ...itemFields(items.get(m.itemId)),
    firstReport: m.itemId === firstItemId,
    ...(matched ? { matched } : {}),
    reason: memberReason(m, matched),
  };
}

/** Members in the order the story credits them; one whose ingest is still running (no item yet) goes last. */
function byCredit(memberships: Membership[], items: Map<string, StoredItem>): Membership[] {
  const ranked = memberships.map((m) => {
    const item = items.get(m.itemId);
    return { m, rank: item ? creditOf(item).firstRank : `\uffff${m.itemId}` };
  });
  return ranked.sort((a, b) => (a.rank < b.rank ? -1 : 1)).map(({ m }) => m);
}

/** The story as it reads now: asked for by a merged-away id, the story it was merged into. */
export async function storyDetail(store: Store, storyId: string): Promise<StoryDetail> {
  const family = await storyFamily(store, storyId);
  if (!family) throw new NotFoundError(`no story with id ${storyId}`);
  const storyItems = (await Promise.all(family.ids.map((id) => store.listStoryItems(id)))).flat();
  const items = new Map(storyItems.map((item) => [item.id, item]));
  const memberships = storyItems.map((item) => item.membership);
  // The evidence may name an item of another story (one the member was compared with and did not join).
  const elsewhere = memberships.flatMap((m) => m.evidence.matchedItemId ?? []).filter((id) => !items.has(id));
  for (const [id, item] of await itemsById(store, elsewhere)) items.set(id, item);
  const members = byCredit(memberships, items).map((m) => memberView(m, items, family.story.firstItemId));
  const matches = (await Promise.all(family.ids.map((id) => store.listMatchesByStory(id))))
    .flat()
    .map((t) => ({ ...t, outlet: items.get(t.itemId)?.outlet }));
  return {
    story: storyView(family.story),
    members,
    matches,
    alerts: await alertsOf(store, family.ids),
  };
}

async function alertsOf(store: Store, ids: string[]): Promise<StoryAlert[]> {
  const alerts = (await Promise.all(ids.map((id) => store.listAlerts(id)))).flat();
  return alerts.map(({ topic, outlets, recipients, status, sentAt, lastError }) => ({
    topic,
    outlets,
    recipients,
    status,
    sentAt,
    lastError,
  }));
}

/** The topics a listed story matched, its merged-away stories' included. */
export async function storyTopics(store: Store, story: StoryView): Promise<string[]> {
  const ids = [story.id, ...(story.mergedFrom ?? [])];
  const matches = (await Promise.all(ids.map((id) => store.listMatchesByStory(id)))).flat();
  return [...new Set(matches.map((m) => m.topic))].sort();
}

const DEFAULT_LIMIT = 100;

/**
 * Asks `read` for `limit` rows, then twice as many, until `keep` finds `limit` among them or the
 * store has no more: rows the reader leaves out must not shorten the page.
 */
async function fill<Row, Kept>(
  limit: number,
  read: (ask: number) => Promise<Row[]>,
  keep: (rows: Row[]) => Promise<Kept[]>,
): Promise<Kept[]> {
  for (let ask = limit; ; ask *= 2) {
    const rows = await read(ask);
    const kept = await keep(rows);
    if (kept.length >= limit || rows.length < ask) return kept.slice(0, limit);
  }
}

/** Merged-away stories are left out; the stories they were merged into carry their members. */
export async function listStories(
  store: Store,
  { since, limit = DEFAULT_LIMIT }: { since?: string; limit?: number },
): Promise<StoryView[]> {
  return fill(
    limit,
    (ask) => store.listStories({ since, limit: ask }),
    (rows) =>
      Promise.all(
        rows.filter((s) => !s.mergedInto).map(async (s) => storyView((await familyOf(store, s)).story)),
      ),
  );
}

/** The configured topic a reader means, whatever case or spacing they typed it in. */
function resolveTopic(name: string, topics: readonly string[]): string {
  const fold = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
  const found = topics.find((t) => fold(t) === fold(name));
  if (found === undefined) throw new NotFoundError(`no topic named "${name}"; topics: ${topics.join(', ')}`);
  return found;
}

/** One copy of a story that matched a topic, and the query terms it hit. */
export interface MatchedCopy extends ItemRef {
  terms: string[];
}

/** A story a topic matched: one row however many of its copies matched. */
export interface TopicStory {
  story: StoryView;
  /** Every query term any copy matched, sorted. */
  terms: string[];
  /** From the latest matching copy. */
  snippet: string;
  lastMatchedAt: string;
  /** How many of the story's copies matched the topic. */
  copies: number;
  /** Those copies, in the story's credit order. */
  matchedCopies: MatchedCopy[];
}

/** A topic's stories, latest match first; matches of merged-away stories count for the survivor. */
export async function topicStories(
  store: Store,
  name: string,
  topics: readonly string[],
  { since, limit = DEFAULT_LIMIT }: { since?: string; limit?: number },
): Promise<{ topic: string; stories: TopicStory[] }> {
  const topic = resolveTopic(name, topics);
  const stories = await fill(
    limit,
    (ask) => store.listMatchesByTopic(topic, { since, limit: ask }),
    (matches) => groupByStory(store, matches),
  );
  return { topic, stories };
}

/**
 * The story's copies that matched `topic`. The stage records a match row only for the first copy
 * of a story that matches a topic (it is what the alert is owed for), so the rows cannot count
 * copies; every stored copy keeps the topics it matched, and those can.
 */
async function copiesMatching(store: Store, family: StoryFamily, topic: string): Promise<MatchedCopy[]> {
  const storyItems = (await Promise.all(family.ids.map((id) => store.listStoryItems(id)))).flat();
  const items = new Map(storyItems.map((item) => [item.id, item]));
  const memberships = storyItems.map((item) => item.membership);
  return byCredit(memberships, items).flatMap((m) => {
    const item = items.get(m.itemId);
    const hit = item?.topics?.find((t) => t.topic === topic);
    return hit ? [{ itemId: m.itemId, ...itemFields(item), terms: [...hit.terms].sort() }] : [];
  });
}

/** Matches arrive latest first, so the first one a story meets is its latest. */
async function groupByStory(store: Store, matches: TopicMatch[]): Promise<TopicStory[]> {
  const families = new Map<string, Promise<StoryFamily | undefined>>();
  const byStory = new Map<string, { row: TopicStory; family: StoryFamily; recorded: TopicMatch[] }>();
  for (const m of matches) {
    if (!families.has(m.storyId)) families.set(m.storyId, storyFamily(store, m.storyId));
    const family = await families.get(m.storyId);
    if (!family) continue;
    const entry = byStory.get(family.story.id);
    if (entry) {
      entry.row.terms = [...new Set([...entry.row.terms, ...m.terms])].sort();
      entry.recorded.push(m);
    } else {
      const story = storyView(family.story);
      const row = {
        story,
        terms: [...m.terms].sort(),
        snippet: m.snippet,
        lastMatchedAt: m.matchedAt,
        copies: 1,
        matchedCopies: [],
      };
      byStory.set(story.id, { row, family, recorded: [m] });
    }
  }
  return Promise.all(
    [...byStory.values()].map(async ({ row, family, recorded }) => {
      const matchedCopies = await copiesMatching(store, family, recorded[0]?.topic ?? '');
      // A merged story keeps one match row per story it absorbed: never fewer copies than rows.
      return { ...row, matchedCopies, copies: Math.max(matchedCopies.length, recorded.length) };
    }),
  );
}

export function topicMatches(store: Store, topic: string, opts: { since?: string; limit?: number }) {
  return store.listMatchesByTopic(topic, opts);
}

/**
 * Alert intents in every state, newest first: those of the stories first seen since `since`
 * (default: the last week), and every intent still waiting, however old its story.
 */
export async function alertIntents(
  store: Store,
  opts: { since?: string; limit?: number },
): Promise<AlertIntent[]> {
  const stories = await store.listStories({ since: opts.since, limit: Number.MAX_SAFE_INTEGER });
  const byStory = (await Promise.all(stories.map((s) => store.listAlerts(s.id)))).flat();
  const waiting = await store.listPendingAlerts(Number.POSITIVE_INFINITY);
  const unique = new Map([...byStory, ...waiting].map((a) => [`${a.storyId}\n${a.topic}`, a]));
  const newestFirst = [...unique.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return newestFirst.slice(0, opts.limit ?? 100);
}

/** Each feed's health; the page-text hashes the fetcher keeps for itself (feeds/interstitial.ts) stay out. */
export async function feedHealth(store: Store): Promise<FeedState[]> {
  return (await store.listFeedStates()).map(({ recentPageTexts: _fetcherOnly, ...health }) => health);
}

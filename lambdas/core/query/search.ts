/**
 * Search over what was stored: a query in the topic language (topics/), compiled ad hoc as a
 * one-topic matcher and evaluated over the stored copies, newest stories first. Results are
 * stories, each with the copies that matched, the terms they hit and a snippet.
 *
 * No search index is written. Candidates come from the index that exists, stories by day (GSI),
 * then each story's items (GSI) and each item's text from the archive. Why: an inverted term
 * index in DynamoDB would be written on every item by the story stage, one posting per distinct
 * word (161 per item on the load corpus, `npm run bench -- search`), each a write: over ten
 * times the item's whole write cost today, every day, for the few searches a desk runs. A scan
 * costs only when someone searches: one Query per day in range and per story, one S3 GET per
 * copy. It is bounded by `since` and by a budget of copies read, newest first; a result says how
 * far back it reached when the budget stopped it. Figures: docs/topics.md ("Search").
 */
import type { StoredItem, Story } from '../model.ts';
import type { ArchiveReader, Store } from '../ports.ts';
import { creditOf } from '../stories/credit.ts';
import { familyOf } from '../stories/family.ts';
import { primaryLanguage } from '../text/language-tag.ts';
import { TopicQueryError } from '../topics/errors.ts';
import { compileTopics, type TopicMatcher } from '../topics/matcher.ts';
import { type StoryView, storyView } from './queries.ts';
import { parseSince } from './since.ts';

/** A search with no `since` looks back this far. */
export const DEFAULT_SEARCH_SINCE = '30d';
/** Copies a search reads at most (then it finishes the stories in hand): a few seconds on AWS. */
export const MAX_COPIES_READ = 5_000;
/** Stories a search returns unless asked for fewer. */
export const DEFAULT_SEARCH_LIMIT = 100;
/** Stories read at once: each is a Query, then one GET per copy. */
const CONCURRENCY = 32;

/** A query that cannot be parsed, or is empty: the reader's input, not a failure. */
export class InvalidSearchError extends Error {
  override name = 'InvalidSearchError';
}

export interface SearchSources {
  store: Store;
  archive: ArchiveReader;
  /** The configuration's `@aliases`, usable in a search as in a topic. */
  aliases?: Record<string, string> | undefined;
}

export interface SearchOptions {
  /** ISO instant: stories first seen since then. */
  since: string;
  /** Stories returned at most. */
  limit?: number;
  maxCopies?: number;
}

/** A copy that matched, as readers know it, with why. */
export interface SearchCopy {
  itemId: string;
  outlet: string;
  title: string;
  url?: string;
  published?: string;
  firstSeen: string;
  /** ISO 639-1 code of the copy's language. */
  lang?: string;
  /** Query terms this copy hit, as the query language writes them. */
  terms: string[];
  fields: string[];
  snippet: string;
}

export interface SearchStory {
  story: StoryView;
  /** Every term any copy hit, sorted. */
  terms: string[];
  /** The copies that matched, earliest published first. */
  copies: SearchCopy[];
}

export interface SearchResult {
  /** The query as parsed: explicit operators and parentheses, aliases expanded. */
  query: string;
  since: string;
  /** Newest first seen first. */
  stories: SearchStory[];
  /** Copies read. */
  read: number;
  /** False when the budget or the limit stopped the search before the oldest story in range. */
  complete: boolean;
  /** When incomplete: the first sighting of the oldest story read; older ones were not searched. */
  searchedBack?: string;
  /** Copies whose archived text was missing: matched on their title and summary alone. */
  missingTexts: number;
}

const SEARCH_TOPIC = 'search';

/** The instant a search starts from: `since` as the CLI, the page and the API accept it. */
export function searchSince(value: string | undefined, now: Date): string {
  return parseSince(value?.trim() || DEFAULT_SEARCH_SINCE, now);
}

function compileSearch(query: string, aliases: Record<string, string> | undefined): TopicMatcher {
  if (!query.trim()) throw new InvalidSearchError('type what to search for, e.g. "larkspur terminal"');
  try {
    return compileTopics({ aliases, topics: [{ name: SEARCH_TOPIC, query }] });
  } catch (err) {
    if (!(err instanceof TopicQueryError)) throw err;
    const where = err.alias === undefined ? '' : `in @${err.alias}, `;
    throw new InvalidSearchError(`${where}at position ${err.position}: expected ${err.expected}`, {
      cause: err,
    });
  }
}

/** A matching copy with its credit rank (stories/credit.ts): copies are listed in the story's order. */
interface Ranked {
  rank: string;
  copy: SearchCopy;
}

interface Found {
  /** Position of the story in the listing: results keep the listing's order. */
  order: number;
  story: Story;
  copies: Ranked[];
}

export async function searchStories(
  sources: SearchSources,
  query: string,
  opts: SearchOptions,
): Promise<SearchResult> {
  const matcher = compileSearch(query, sources.aliases);
  const budget = opts.maxCopies ?? MAX_COPIES_READ;
  const limit = opts.limit ?? DEFAULT_SEARCH_LIMIT;
  // Every story has a copy, so the budget's worth of stories is as far as a search can reach.
  const stories = await sources.store.listStories({ since: opts.since, limit: budget });
  const found: Found[] = [];
  const tally = { read: 0, missingTexts: 0, taken: 0 };
  const more = () => tally.read < budget && found.length < limit && tally.taken < stories.length;
  // Stories are taken in listing order and every one taken is finished, so those read are the
  // newest `taken`, whatever order their reads complete in.
  const worker = async () => {
    while (more()) {
      const order = tally.taken++;
      const story = stories[order];
      if (story === undefined) return;
      const copies = await matchingCopies(sources, matcher, story, tally);
      if (copies.length > 0) found.push({ order, story, copies });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const complete = tally.taken >= stories.length && stories.length < budget;
  const oldest = stories[tally.taken - 1];
  return {
    query: matcher.topics[0]?.normalised ?? query,
    since: opts.since,
    stories: (await byFamily(sources.store, found)).slice(0, limit),
    read: tally.read,
    complete,
    ...(complete || !oldest ? {} : { searchedBack: oldest.firstSeen }),
    missingTexts: tally.missingTexts,
  };
}

async function matchingCopies(
  sources: SearchSources,
  matcher: TopicMatcher,
  story: Story,
  tally: { read: number; missingTexts: number },
): Promise<Ranked[]> {
  const items = await sources.store.listStoryItems(story.id);
  const texts = await Promise.all(items.map((item) => textOf(sources.archive, item)));
  tally.read += items.length;
  const copies: Ranked[] = [];
  items.forEach((item, i) => {
    const text = texts[i];
    if (text === undefined) tally.missingTexts++;
    // match() is synchronous: no other worker's copy can enter the matcher's scratch state meanwhile.
    const [hit] = matcher.match({
      title: item.title,
      text: text ?? item.summary ?? '',
      source: item.outlet,
      url: item.url,
      // Items stored before languages were detected hold the feed's tag ("en-US").
      lang: primaryLanguage(item.lang),
    });
    if (hit) copies.push({ rank: creditOf(item).firstRank, copy: searchCopy(item, hit) });
  });
  return copies;
}

/** The item's text; undefined when it has an archived text that is gone. */
async function textOf(archive: ArchiveReader, item: StoredItem): Promise<string | undefined> {
  return item.textKey ? archive.readText(item.textKey) : '';
}

function searchCopy(
  item: StoredItem,
  hit: { terms: string[]; fields: string[]; snippet: string },
): SearchCopy {
  return {
    itemId: item.id,
    outlet: item.outlet,
    title: item.title,
    ...(item.url ? { url: item.url } : {}),
    ...(item.published ? { published: item.published } : {}),
    firstSeen: item.firstSeen,
    ...(item.lang ? { lang: item.lang } : {}),
    terms: hit.terms,
    fields: hit.fields,
    snippet: hit.snippet,
  };
}

/** A merged-away story's copies count for the story it was merged into, shown once, where first found. */
async function byFamily(store: Store, found: Found[]): Promise<SearchStory[]> {
  found.sort((a, b) => a.order - b.order);
  const families = await Promise.all(
    found.map(({ story }) => (story.mergedInto || story.mergedFrom ? familyOf(store, story) : undefined)),
  );
  const byId = new Map<string, { story: Story; copies: Ranked[] }>();
  found.forEach(({ story, copies }, i) => {
    const survivor = families[i]?.story ?? story;
    const row = byId.get(survivor.id);
    if (row) row.copies.push(...copies);
    else byId.set(survivor.id, { story: survivor, copies: [...copies] });
  });
  return [...byId.values()].map(({ story, copies }) => {
    const ordered = copies.sort((a, b) => (a.rank < b.rank ? -1 : 1)).map(({ copy }) => copy);
    return {
      story: storyView(story),
      terms: [...new Set(ordered.flatMap((c) => c.terms))].sort(),
      copies: ordered,
    };
  });
}

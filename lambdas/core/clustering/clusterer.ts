import { createHash } from 'node:crypto';
import type { Membership } from '../model.ts';
import { StoryConflictError } from './errors.ts';
import { type Fingerprint, fingerprint } from './features.ts';
import { bandKeys, jaccard } from './minhash.ts';
import type { ClusterOptions } from './options.ts';
import type { ClusterIndex, Frequencies, IndexedItem, Placement, TimeRange } from './port.ts';
import { absorb, cosine, evidence, type Score, storyCosine, type Vector, weigh } from './similarity.ts';

export interface ClusterInput {
  id: string;
  title: string;
  /** Main text, plain; may still carry site furniture (CLI input). */
  text: string;
  url?: string;
  guid?: string;
  /** Outlet name or domain. */
  source?: string;
  /** ISO 8601; absent when the feed gives no date. */
  published?: string;
  /** ISO 8601: when the item was ingested. */
  seenAt: string;
}

export interface StoryClusterer {
  assign(input: ClusterInput): Promise<Membership>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Exact keys (GUID, URL) outlive the window: a feed re-serving an old item must not start a story. */
const EXACT_KEY_TTL_DAYS = 30;
const MAX_STORY_WRITES = 50;
/** Story claims only arbitrate ingests racing each other: they outlive their two hour buckets. */
const CLAIM_TTL_S = 3 * 3600;

interface Context {
  input: ClusterInput;
  eventTime: string;
  day: string;
  fp: Fingerprint;
  vector: Vector;
  /** Feature indexes, heaviest first. */
  byWeight: number[];
  bands: string[];
}

interface Match extends Score {
  candidate: IndexedItem;
  method: 'near-duplicate' | 'similar';
}

export function createClusterer(index: ClusterIndex, opts: ClusterOptions): StoryClusterer {
  return {
    async assign(input) {
      const [existing] = await index.getItems([input.id]);
      if (existing) return (await settled(index, opts, existing)).membership;
      const ctx = await prepare(index, opts, input);
      const exact = await exactMatch(index, opts, ctx);
      if (exact) return record(index, opts, ctx, exact);
      const { match, nearest } = await bestCandidate(index, opts, ctx);
      if (!match) return found(index, opts, ctx, nearest);
      const joined = await record(index, opts, ctx, await join(index, opts, ctx, match));
      await addToStory(index, opts, ctx, joined.storyId);
      return joined;
    },
  };
}

async function prepare(index: ClusterIndex, opts: ClusterOptions, input: ClusterInput): Promise<Context> {
  const eventTime = eventTimeOf(input);
  const day = eventTime.slice(0, 10);
  const previousDay = new Date(Date.parse(eventTime) - DAY_MS).toISOString().slice(0, 10);
  const fp = fingerprint(input.title, input.text, opts.features);
  const counted = fp.features.filter(isCounted);
  const freq = await index.frequencies(counted, [day, previousDay]);
  const vector = weigh(fp, spread(fp.features, counted, freq), opts.priorDocs);
  const byWeight = fp.features
    .map((_, i) => i)
    .sort((a, b) => (vector.weights[b] ?? 0) - (vector.weights[a] ?? 0));
  return { input, eventTime, day, fp, vector, byWeight, bands: fp.minhash ? bandKeys(fp.minhash) : [] };
}

/**
 * Published time when it is usable, else first-seen time. A date more than a day ahead of
 * ingestion is a feed's mistake (or a timezone one) and would push the item out of its window.
 */
function eventTimeOf(input: ClusterInput): string {
  const seen = Date.parse(input.seenAt);
  const published = input.published === undefined ? Number.NaN : Date.parse(input.published);
  const usable = Number.isFinite(published) && !(published > seen + DAY_MS);
  return new Date(usable ? published : seen).toISOString();
}

/**
 * Quotation shingles are not counted: a 4-word run of a quotation is rare by construction (only
 * copies of the same report share it), and counting them would add a third of the counter writes.
 */
function isCounted(feature: string): boolean {
  return !feature.startsWith('q:');
}

/** Document frequencies of all features, in order; uncounted ones are taken as unseen. */
function spread(features: readonly string[], counted: readonly string[], freq: Frequencies): Frequencies {
  const byFeature = new Map(counted.map((f, i) => [f, freq.df[i] ?? 0]));
  return { total: freq.total, df: features.map((f) => byFeature.get(f) ?? 0) };
}

async function exactMatch(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
): Promise<Membership | undefined> {
  const { input } = ctx;
  const keys: [string, Membership['method']][] = [];
  // GUIDs are unique per feed, not worldwide ("1234" in two feeds is two articles): scope by outlet.
  if (input.guid) keys.push([`g:${input.source ?? ''}|${input.guid}`, 'same-guid']);
  if (input.url) keys.push([`u:${input.url}`, 'same-url']);
  const expiresAt = expiresAfter(ctx.eventTime, EXACT_KEY_TTL_DAYS * 86_400);
  for (const [key, method] of keys) {
    const holder = await index.claim(key, input.id, expiresAt);
    if (holder === input.id) continue;
    const item = await awaitItem(index, opts, holder);
    if (!item) continue;
    const { storyId } = (await settled(index, opts, item)).membership;
    return { storyId, itemId: input.id, isNew: false, method, score: 1, evidence: { matchedItemId: holder } };
  }
  return undefined;
}

async function bestCandidate(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
): Promise<{ match?: Match; nearest?: Match }> {
  const range = windowAround(ctx.eventTime, opts.windowDays);
  const ids = await rankedCandidates(index, opts, ctx, range);
  const scored = (await index.getItems(ids))
    .filter((c) => inRange(c, range))
    .map((c) => compare(opts, ctx, c));
  const duplicate = scored.filter((m) => m.method === 'near-duplicate').reduce(pickBetter, undefined);
  if (duplicate) return { match: duplicate, nearest: duplicate };
  const nearest = (await byStory(index, opts, ctx.vector, scored)).reduce(pickBetter, undefined);
  return { match: nearest && qualifies(opts, ctx, nearest) ? nearest : undefined, nearest };
}

/**
 * One match per story, scored against the story's centroid: a story is judged by everything its
 * copies said, not by its one copy closest to the item (which lets stories chain into each
 * other through single shared words). The member most like the item stands for it in evidence.
 */
async function byStory(
  index: ClusterIndex,
  opts: ClusterOptions,
  item: Vector,
  scored: readonly Match[],
): Promise<Match[]> {
  const groups = new Map<string, Match[]>();
  for (const m of scored) groups.set(m.candidate.storyId, [...(groups.get(m.candidate.storyId) ?? []), m]);
  const stories = await index.getStories([...groups.keys()]);
  return stories.flatMap((story) => {
    const members = groups.get(story.storyId) ?? [];
    const closest = members.reduce(pickBetter, undefined);
    return closest
      ? [
          {
            ...closest,
            ...storyCosine(item, story, { share: opts.anchorShare, members: opts.anchorMembers }),
          },
        ]
      : [];
  });
}

function pickBetter(best: Match | undefined, m: Match): Match {
  return !best || better(m, best) ? m : best;
}

/** Candidates from the postings of the item's heaviest features and its LSH bands, by shared weight. */
async function rankedCandidates(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
  range: TimeRange,
): Promise<string[]> {
  const featureKeys = ctx.byWeight.slice(0, opts.postingKeys);
  const keys = [...featureKeys.map((i) => ctx.fp.features[i] ?? ''), ...ctx.bands];
  const topWeight = ctx.vector.weights[ctx.byWeight[0] ?? 0] ?? 1;
  const keyWeights = [
    ...featureKeys.map((i) => ctx.vector.weights[i] ?? 0),
    ...ctx.bands.map(() => topWeight),
  ];
  const lists = await index.postings(keys, range, opts.postingsPerKey);
  const rank = new Map<string, number>();
  lists.forEach((ids, k) => {
    for (const id of ids) if (id !== ctx.input.id) rank.set(id, (rank.get(id) ?? 0) + (keyWeights[k] ?? 0));
  });
  return [...rank]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.maxCandidates)
    .map(([id]) => id);
}

function compare(opts: ClusterOptions, ctx: Context, candidate: IndexedItem): Match {
  const { score, shared } = cosine(ctx.vector, candidate);
  const near = ctx.fp.minhash && candidate.minhash ? jaccard(ctx.fp.minhash, candidate.minhash) : 0;
  if (near >= opts.nearDuplicate) return { candidate, method: 'near-duplicate', score: near, shared };
  return { candidate, method: 'similar', score, shared };
}

function qualifies(opts: ClusterOptions, ctx: Context, m: Match): boolean {
  if (m.method === 'near-duplicate') return true;
  const enough = m.shared.length >= opts.minShared || m.anchor !== undefined;
  return enough && m.score >= thresholdFor(opts, ctx.vector.features.length);
}

/**
 * A headline's few features and a full article's many do not give cosines on one scale: the
 * threshold moves from the headline value to the full-text one as the item's features grow.
 */
export function thresholdFor(opts: ClusterOptions, features: number): number {
  const [short, long] = opts.featureRange;
  const t = Math.min(1, Math.max(0, (features - short) / (long - short)));
  return opts.threshold + t * (opts.longThreshold - opts.threshold);
}

/** Highest score wins; ties go to the earlier item so the choice does not depend on read order. */
function better(a: Match, b: Match): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.candidate.eventTime < b.candidate.eventTime;
}

async function join(index: ClusterIndex, opts: ClusterOptions, ctx: Context, m: Match): Promise<Membership> {
  const { storyId } = (await settled(index, opts, m.candidate)).membership;
  return {
    storyId,
    itemId: ctx.input.id,
    isNew: false,
    method: m.method,
    score: round(m.score),
    evidence: evidence(ctx.vector, ctx.fp, m.shared, m.candidate.itemId),
  };
}

/**
 * Starts a story, then makes it visible to concurrent copies. The item is indexed as pending and
 * claims its heaviest features (per hour of ingestion) with conditional puts, in one global key
 * order. A copy that loses a claim to a similar item joins that item's story once it settles.
 * Because every claimant takes keys in the same order and stops at the first similar holder,
 * no two items can wait on each other (the argument of ordered locking), and two copies that
 * share a claimed key end in one story.
 */
async function found(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
  nearest: Match | undefined,
): Promise<Membership> {
  const { input } = ctx;
  const membership: Membership = {
    storyId: storyIdFor(input.id),
    itemId: input.id,
    isNew: true,
    method: 'new',
    score: round(nearest?.score ?? 0),
    evidence: nearest
      ? {
          matchedItemId: nearest.candidate.itemId,
          note: `nearest below threshold ${round(thresholdFor(opts, ctx.vector.features.length))}`,
        }
      : { note: 'no candidate in the time window' },
  };
  await index.add(indexed(ctx, membership, 'pending'), placement(opts, ctx));
  await addToStory(index, opts, ctx, membership.storyId);
  const claimExpiry = expiresAfter(input.seenAt, CLAIM_TTL_S);
  for (const key of claimKeys(opts, ctx)) {
    const holder = await index.claim(key, input.id, claimExpiry);
    if (holder === input.id) continue;
    const [other] = await index.getItems([holder]);
    if (!other || !inRange(other, windowAround(ctx.eventTime, opts.windowDays))) continue;
    const m = compare(opts, ctx, other);
    if (!qualifies(opts, ctx, m)) continue;
    const joined = await join(index, opts, ctx, m);
    const noted = {
      ...joined,
      evidence: { ...joined.evidence, note: 'joined a copy ingested concurrently' },
    };
    await addToStory(index, opts, ctx, noted.storyId);
    await index.settle(input.id, noted);
    return noted;
  }
  await index.settle(input.id, membership);
  return membership;
}

/** Two consecutive hour buckets, so copies ingested less than an hour apart share one. */
function claimKeys(opts: ClusterOptions, ctx: Context): string[] {
  const hour = Math.floor(Date.parse(ctx.input.seenAt) / HOUR_MS);
  const features = ctx.byWeight.slice(0, opts.claimKeys).map((i) => ctx.fp.features[i] ?? '');
  return features.flatMap((f) => [`c:${hour}:${f}`, `c:${hour + 1}:${f}`]).sort();
}

async function record(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
  membership: Membership,
): Promise<Membership> {
  await index.add(indexed(ctx, membership, 'final'), placement(opts, ctx));
  return membership;
}

/**
 * Adds the item to its story's centroid with optimistic locking: a writer that lost the race
 * re-reads and retries, with a random pause so a crowd of joiners spreads out.
 */
async function addToStory(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
  storyId: string,
): Promise<void> {
  const expiresAt = expiresAfter(ctx.eventTime, Math.ceil((2 * opts.windowDays + 1) * 86_400));
  for (let attempt = 0; attempt < MAX_STORY_WRITES; attempt++) {
    const [current] = await index.getStories([storyId]);
    const next = absorb(current, storyId, ctx.vector, opts.storyFeatures);
    if (await index.putStory(next, expiresAt)) return;
    await sleep(Math.random() * opts.pollMs * Math.min(attempt + 1, 5));
  }
  throw new StoryConflictError(`story ${storyId}: centroid update lost ${MAX_STORY_WRITES} races in a row`);
}

function placement(opts: ClusterOptions, ctx: Context): Placement {
  return {
    postingKeys: [
      ...ctx.byWeight.slice(0, opts.postingKeys).map((i) => ctx.fp.features[i] ?? ''),
      ...ctx.bands,
    ],
    counted: ctx.fp.features.filter(isCounted),
    day: ctx.day,
    expiresAt: expiresAfter(ctx.eventTime, Math.ceil((2 * opts.windowDays + 1) * 86_400)),
  };
}

function indexed(ctx: Context, membership: Membership, state: IndexedItem['state']): IndexedItem {
  return {
    itemId: ctx.input.id,
    storyId: membership.storyId,
    state,
    eventTime: ctx.eventTime,
    writtenAt: new Date().toISOString(),
    features: ctx.vector.features,
    weights: ctx.vector.weights.map(round),
    norm: round(ctx.vector.norm),
    minhash: ctx.fp.minhash,
    membership,
  };
}

/** Waits for a pending item to settle; a writer that crashed mid-way is given up on after the lease. */
async function settled(index: ClusterIndex, opts: ClusterOptions, item: IndexedItem): Promise<IndexedItem> {
  let current = item;
  while (current.state === 'pending' && Date.now() - Date.parse(current.writtenAt) < opts.pendingLeaseMs) {
    await sleep(opts.pollMs);
    const [fresh] = await index.getItems([current.itemId]);
    if (!fresh) break;
    current = fresh;
  }
  return current;
}

/** The holder of an exact key writes its record right after claiming; give it the lease to do so. */
async function awaitItem(
  index: ClusterIndex,
  opts: ClusterOptions,
  itemId: string,
): Promise<IndexedItem | undefined> {
  const deadline = Date.now() + opts.pendingLeaseMs;
  for (;;) {
    const [item] = await index.getItems([itemId]);
    if (item || Date.now() >= deadline) return item;
    await sleep(opts.pollMs);
  }
}

function inRange(item: IndexedItem, range: TimeRange): boolean {
  return item.eventTime >= range.from && item.eventTime <= range.to;
}

function windowAround(eventTime: string, days: number): TimeRange {
  const t = Date.parse(eventTime);
  return { from: new Date(t - days * DAY_MS).toISOString(), to: new Date(t + days * DAY_MS).toISOString() };
}

/**
 * Expiry counted from the later of the record's own time and now: stores compare expiry with the
 * wall clock, and a backfilled item dated last month still needs its records while it is indexed.
 */
function expiresAfter(iso: string, seconds: number): number {
  return Math.floor(Math.max(Date.parse(iso), Date.now()) / 1000) + seconds;
}

/** Deterministic, so a retried assignment of the same item founds the same story. */
function storyIdFor(itemId: string): string {
  return `st_${createHash('sha1').update(itemId).digest('hex').slice(0, 16)}`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { createHash } from 'node:crypto';
import type { Membership } from '../../model.ts';
import type { Clock } from '../../ports.ts';
import type { ClusterOptions } from '../options.ts';
import type { ClusterIndex } from '../port.ts';
import { windowAround } from '../time.ts';
import {
  type ClusterInput,
  type Context,
  expiresAfter,
  indexed,
  inRange,
  placement,
  prepare,
  round,
} from './context.ts';
import type { Engine } from './engine.ts';
import {
  bestCandidate,
  compare,
  currentStories,
  isOpen,
  join,
  type Match,
  qualifies,
  thresholdFor,
} from './matching.ts';
import { mergeRivals } from './merge.ts';
import { awaitItem, settled } from './settle.ts';
import { absorb } from './similarity.ts';
import { updateStory } from './story-writes.ts';

export type { ClusterInput } from './context.ts';

export interface StoryClusterer {
  assign(input: ClusterInput): Promise<Membership>;
  /** Where each story's members are now: itself, or the story it was merged into. */
  resolve(storyIds: readonly string[]): Promise<Map<string, string>>;
}

const HOUR_MS = 3_600_000;
/** Exact keys (GUID, URL) outlive the window: a feed re-serving an old item must not start a story. */
const EXACT_KEY_TTL_DAYS = 30;
/** Story claims only arbitrate ingests racing each other: they outlive their two hour buckets. */
const CLAIM_TTL_S = 3 * 3600;

export function createClusterer(index: ClusterIndex, opts: ClusterOptions, clock: Clock): StoryClusterer {
  const engine: Engine = { index, opts, clock };
  return {
    async assign(input) {
      const [existing] = await index.getItems([input.id]);
      if (existing) return (await settled(engine, existing)).membership;
      const ctx = await prepare(engine, input);
      const exact = await exactMatch(engine, ctx);
      if (exact) return record(engine, ctx, exact);
      const { match, nearest, rivals } = await bestCandidate(engine, ctx);
      if (!match) return found(engine, ctx, nearest);
      const joined = await record(engine, ctx, await join(engine, ctx, match));
      const taken = await addToStory(engine, ctx, joined.storyId);
      const { storyId, merged } = await mergeRivals(engine, ctx, taken, rivals);
      if (merged.length === 0) return { ...joined, storyId };
      // Recorded with the item, so a retried ingest learns of the merge and records it too.
      const merging = { ...joined, storyId, merged };
      await index.settle(input.id, merging);
      return merging;
    },
    async resolve(storyIds) {
      const current = await currentStories(index, storyIds);
      return new Map(storyIds.map((id) => [id, current.get(id)?.storyId ?? id]));
    },
  };
}

async function exactMatch(engine: Engine, ctx: Context): Promise<Membership | undefined> {
  const { index } = engine;
  const { input } = ctx;
  const keys: [string, Membership['method']][] = [];
  // GUIDs are unique per feed, not worldwide ("1234" in two feeds is two articles): scope by outlet.
  if (input.guid) keys.push([`g:${input.source ?? ''}|${input.guid}`, 'same-guid']);
  if (input.url) keys.push([`u:${input.url}`, 'same-url']);
  const expiresAt = expiresAfter(ctx.eventTime, EXACT_KEY_TTL_DAYS * 86_400, ctx.now);
  for (const [key, method] of keys) {
    const holder = await index.claim(key, input.id, expiresAt);
    if (holder === input.id) continue;
    const item = await awaitItem(engine, holder);
    if (!item) continue;
    const { storyId } = (await settled(engine, item)).membership;
    return { storyId, itemId: input.id, isNew: false, method, score: 1, evidence: { matchedItemId: holder } };
  }
  return undefined;
}

/**
 * Starts a story, then makes it visible to concurrent copies. The item is indexed as pending and
 * claims its heaviest features (per hour of ingestion) with conditional puts, in one global key
 * order. A copy that loses a claim to a similar item joins that item's story once it settles.
 * Because every claimant takes keys in the same order and stops at the first similar holder,
 * no two items can wait on each other (the argument of ordered locking), and two copies that
 * share a claimed key end in one story.
 */
async function found(engine: Engine, ctx: Context, nearest: Match | undefined): Promise<Membership> {
  const { index, opts } = engine;
  const { input } = ctx;
  const membership: Membership = {
    storyId: storyIdFor(input.id),
    itemId: input.id,
    isNew: true,
    method: 'new',
    score: round(nearest?.score ?? 0),
    evidence: nearest
      ? { matchedItemId: nearest.candidate.itemId, note: whyNotJoined(opts, ctx, nearest) }
      : { note: 'no candidate in the time window' },
  };
  await index.add(indexed(ctx, membership, 'pending'), placement(opts, ctx));
  await addToStory(engine, ctx, membership.storyId);
  const claimExpiry = expiresAfter(input.seenAt, CLAIM_TTL_S, ctx.now);
  for (const key of claimKeys(opts, ctx)) {
    const holder = await index.claim(key, input.id, claimExpiry);
    if (holder === input.id) continue;
    const [other] = await index.getItems([holder]);
    if (!other || !inRange(other, windowAround(ctx.eventTime, opts.windowDays))) continue;
    const m = compare(opts, ctx, other);
    if (!qualifies(opts, ctx, m)) continue;
    const joined = await join(engine, ctx, m);
    const noted = {
      ...joined,
      storyId: await addToStory(engine, ctx, joined.storyId),
      evidence: { ...joined.evidence, note: 'joined a copy ingested concurrently' },
    };
    await index.settle(input.id, noted);
    return noted;
  }
  await index.settle(input.id, membership);
  return membership;
}

function whyNotJoined(opts: ClusterOptions, ctx: Context, nearest: Match): string {
  if (nearest.story && !isOpen(opts, ctx, nearest.story))
    return `nearest story opened more than ${opts.maxStoryDays} days earlier`;
  return `nearest below threshold ${round(thresholdFor(opts, ctx.vector.features.length))}`;
}

/** Two consecutive hour buckets, so copies ingested less than an hour apart share one. */
function claimKeys(opts: ClusterOptions, ctx: Context): string[] {
  const hour = Math.floor(Date.parse(ctx.input.seenAt) / HOUR_MS);
  const features = ctx.byWeight.slice(0, opts.claimKeys).map((i) => ctx.fp.features[i] ?? '');
  return features.flatMap((f) => [`c:${hour}:${f}`, `c:${hour + 1}:${f}`]).sort();
}

async function record(engine: Engine, ctx: Context, membership: Membership): Promise<Membership> {
  const { index, opts } = engine;
  await index.add(indexed(ctx, membership, 'final'), placement(opts, ctx));
  return membership;
}

/** Adds the item to its story's centroid; resolves to the story that took it (see updateStory). */
function addToStory(engine: Engine, ctx: Context, storyId: string): Promise<string> {
  return updateStory(engine, ctx, storyId, (current, id) =>
    absorb(current, id, ctx.vector, engine.opts.storyFeatures, ctx.eventTime),
  );
}

/** Deterministic, so a retried assignment of the same item founds the same story. */
function storyIdFor(itemId: string): string {
  return `st_${createHash('sha1').update(itemId).digest('hex').slice(0, 16)}`;
}

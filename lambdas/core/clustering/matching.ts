/** Candidates from the index, scored against their stories, and the decision to join one. */
import type { Membership } from '../model.ts';
import { type Context, inRange, round } from './context.ts';
import { jaccard } from './minhash.ts';
import type { ClusterOptions } from './options.ts';
import type { ClusterIndex, IndexedItem, StoryVector, TimeRange } from './port.ts';
import { settled } from './settle.ts';
import { cosine, evidence, type Score, storyCosine, type Vector } from './similarity.ts';
import { DAY_MS, windowAround } from './time.ts';

export interface Match extends Score {
  candidate: IndexedItem;
  method: 'near-duplicate' | 'similar';
  /** The candidate's story once merges are followed, when scored against it. */
  story?: StoryVector;
}

export async function bestCandidate(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
): Promise<{ match?: Match; nearest?: Match; rivals: Match[] }> {
  const range = windowAround(ctx.eventTime, opts.windowDays);
  const ids = await rankedCandidates(index, opts, ctx, range);
  const scored = (await index.getItems(ids))
    .filter((c) => inRange(c, range))
    .map((c) => compare(opts, ctx, c));
  const duplicate = scored.filter((m) => m.method === 'near-duplicate').reduce(pickBetter, undefined);
  if (duplicate) return { match: duplicate, nearest: duplicate, rivals: [] };
  const stories = await byStory(index, opts, ctx.vector, scored);
  const nearest = stories.reduce(pickBetter, undefined);
  const match = nearest && qualifies(opts, ctx, nearest) ? nearest : undefined;
  // A pending founder may yet join another story: its own is not merged before it settles.
  const rivals = match
    ? stories.filter((m) => m !== match && m.candidate.state === 'final' && qualifies(opts, ctx, m))
    : [];
  return { match, nearest, rivals };
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
  const current = await currentStories(index, [...new Set(scored.map((m) => m.candidate.storyId))]);
  // The closest member per story, stories in the order their first candidate came.
  const closest = new Map<string, Match>();
  for (const m of scored) {
    const story = current.get(m.candidate.storyId);
    if (story) closest.set(story.storyId, pickBetter(closest.get(story.storyId), m));
  }
  const anchor = { share: opts.anchorShare, members: opts.anchorMembers };
  const matches: Match[] = [];
  for (const [storyId, m] of closest) {
    const story = current.get(storyId);
    if (story) matches.push({ ...m, story, ...storyCosine(item, story, anchor) });
  }
  return matches;
}

const MAX_REDIRECTS = 8;

/**
 * Each story id mapped to the story now holding its members, following merges. Merges only go
 * from a later story id to an earlier one, so the chain cannot loop; the cap guards a corrupt store.
 */
export async function currentStories(
  index: ClusterIndex,
  storyIds: readonly string[],
): Promise<Map<string, StoryVector>> {
  const out = new Map<string, StoryVector>();
  let pending = new Map(storyIds.map((id) => [id, [id]]));
  for (let hop = 0; hop < MAX_REDIRECTS && pending.size > 0; hop++) {
    const next = new Map<string, string[]>();
    for (const story of await index.getStories([...pending.keys()])) {
      const origins = pending.get(story.storyId) ?? [];
      if (!story.mergedInto) for (const origin of origins) out.set(origin, story);
      else next.set(story.mergedInto, [...(next.get(story.mergedInto) ?? []), ...origins]);
    }
    pending = next;
  }
  return out;
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
  for (let k = 0; k < lists.length; k++)
    for (const id of lists[k] ?? [])
      if (id !== ctx.input.id) rank.set(id, (rank.get(id) ?? 0) + (keyWeights[k] ?? 0));
  return topRanked(rank, opts.maxCandidates);
}

/**
 * The `k` ids of highest weight, ties to the smaller id, best first. Hundreds of ids come back
 * from the postings for a few dozen scored: a short ranked list beats sorting them all.
 */
function topRanked(rank: ReadonlyMap<string, number>, k: number): string[] {
  const ids: string[] = [];
  const weights: number[] = [];
  for (const [id, weight] of rank) {
    let at = ids.length;
    while (at > 0 && ranksBefore(id, weight, ids[at - 1] ?? '', weights[at - 1] ?? 0)) at--;
    if (at >= k) continue;
    ids.splice(at, 0, id);
    weights.splice(at, 0, weight);
    if (ids.length > k) {
      ids.pop();
      weights.pop();
    }
  }
  return ids;
}

function ranksBefore(id: string, weight: number, otherId: string, otherWeight: number): boolean {
  return weight > otherWeight || (weight === otherWeight && id < otherId);
}

export function compare(opts: ClusterOptions, ctx: Context, candidate: IndexedItem): Match {
  const { score, shared } = cosine(ctx.vector, candidate);
  const near = ctx.fp.minhash && candidate.minhash ? jaccard(ctx.fp.minhash, candidate.minhash) : 0;
  if (near >= opts.nearDuplicate) return { candidate, method: 'near-duplicate', score: near, shared };
  return { candidate, method: 'similar', score, shared };
}

export function qualifies(opts: ClusterOptions, ctx: Context, m: Match): boolean {
  if (m.method === 'near-duplicate') return true;
  if (m.story && !isOpen(opts, ctx, m.story)) return false;
  const enough = m.shared.length >= opts.minShared || m.anchor !== undefined;
  return enough && m.score >= thresholdFor(opts, ctx.vector.features.length);
}

/** Whether the story still takes members: see ClusterOptions.maxStoryDays. */
export function isOpen(opts: ClusterOptions, ctx: Context, story: StoryVector): boolean {
  if (story.opened === undefined) return true;
  return Date.parse(ctx.eventTime) - Date.parse(story.opened) <= opts.maxStoryDays * DAY_MS;
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

export async function join(
  index: ClusterIndex,
  opts: ClusterOptions,
  ctx: Context,
  m: Match,
): Promise<Membership> {
  const settledId = (await settled(index, opts, m.candidate)).membership.storyId;
  const storyId = (await currentStories(index, [settledId])).get(settledId)?.storyId ?? settledId;
  return {
    storyId,
    itemId: ctx.input.id,
    isNew: false,
    method: m.method,
    score: round(m.score),
    evidence: evidence(ctx.vector, ctx.fp, m.shared, m.candidate.itemId),
  };
}

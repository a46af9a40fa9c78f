/**
 * Online, two copies of one event can found two stories before either has grown enough to draw
 * the other's copies. Later items that qualify for both show they are one event: when their
 * centroids are close too and a second item confirms the first, the later story id is folded
 * into the earlier one.
 */

import type { ClusterOptions } from '../options.ts';
import type { Context } from './context.ts';
import type { Engine } from './engine.ts';
import { byLength, type Match, thresholdFor } from './matching.ts';
import { centroidCosine, fold } from './similarity.ts';
import { storyExpiry, updateStory } from './story-writes.ts';

export interface Merged {
  /** The story now holding the item. */
  storyId: string;
  /** Stories folded into it on this item's arrival. */
  merged: string[];
}

/**
 * The earlier story id survives: a total order, so two merges racing on the same pair cannot
 * point each story at the other. The absorbed story is marked first (over the version the rival
 * was read at, so a concurrent change skips the merge), then its centroid is added to the survivor.
 */
export async function mergeRivals(
  engine: Engine,
  ctx: Context,
  storyId: string,
  rivals: readonly Match[],
): Promise<Merged> {
  const { index, opts } = engine;
  let current = storyId;
  const merged: string[] = [];
  for (const { story: other } of rivals) {
    const [mine] = await index.getStories([current]);
    if (!mine || mine.mergedInto || !other || other.storyId === current) continue;
    if (centroidCosine(mine, other) < mergeThresholdFor(opts, ctx)) continue;
    if (!(await corroborated(engine, ctx, mine.storyId, other.storyId))) continue;
    const [survivor, absorbed] = mine.storyId < other.storyId ? [mine, other] : [other, mine];
    const marked = { ...absorbed, mergedInto: survivor.storyId, version: absorbed.version + 1 };
    if (!(await index.putStory(marked, storyExpiry(opts, ctx)))) continue;
    current = await updateStory(engine, ctx, survivor.storyId, (target, id) =>
      target ? fold(target, absorbed, opts.storyFeatures) : { ...absorbed, storyId: id, version: 1 },
    );
    merged.push(absorbed.storyId);
  }
  return { storyId: current, merged };
}

/** A full article's centroids are compared on its own, higher, scale (see `thresholdFor`). */
function mergeThresholdFor(opts: ClusterOptions, ctx: Context): number {
  const features = ctx.vector.features.length;
  const full = byLength(opts, features, opts.mergeThreshold, opts.longMergeThreshold);
  return Math.max(full, thresholdFor(opts, features));
}

/**
 * One item that qualifies for two stories may be a digest of both (a "What's News" or "Business
 * Highlights" roundup names several events in one line): the pair merges only when a second
 * item bridges it too. The first bridging item claims the pair; finding another holder is the
 * confirmation, and a retried item finds itself. Not tuned: two is the smallest corroboration.
 */
async function corroborated(engine: Engine, ctx: Context, a: string, b: string): Promise<boolean> {
  const { index, opts } = engine;
  const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
  return (await index.claim(`m:${pair}`, ctx.input.id, storyExpiry(opts, ctx))) !== ctx.input.id;
}

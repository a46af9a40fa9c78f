/** One item on its way through the clusterer: its time, fingerprint and weighted features. */
import type { Membership } from '../../model.ts';
import { type Fingerprint, fingerprint } from '../fingerprint/features.ts';
import { bandKeys } from '../fingerprint/minhash.ts';
import type { ClusterOptions } from '../options.ts';
import type { Frequencies, IndexedItem, Placement, TimeRange } from '../port.ts';
import { DAY_MS, eventTimeOf } from '../time.ts';
import type { Engine } from './engine.ts';
import { type Vector, weigh } from './similarity.ts';

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

export interface Context {
  input: ClusterInput;
  eventTime: string;
  day: string;
  fp: Fingerprint;
  vector: Vector;
  /** Feature indexes, heaviest first. */
  byWeight: number[];
  bands: string[];
  /** Epoch ms when the assignment started, from the engine's clock: record times and expiries. */
  now: number;
}

export async function prepare(engine: Engine, input: ClusterInput): Promise<Context> {
  const { index, opts } = engine;
  const eventTime = eventTimeOf(input);
  const day = eventTime.slice(0, 10);
  const previousDay = new Date(Date.parse(eventTime) - DAY_MS).toISOString().slice(0, 10);
  const fp = fingerprint(input.title, input.text, opts.features);
  const counted = fp.features.filter(isCounted);
  const freq = await index.frequencies(counted, [day, previousDay]);
  const vector = weigh(fp, spread(fp.features, freq), opts.priorDocs);
  const byWeight = fp.features
    .map((_, i) => i)
    .sort((a, b) => (vector.weights[b] ?? 0) - (vector.weights[a] ?? 0));
  const bands = fp.minhash ? bandKeys(fp.minhash) : [];
  return { input, eventTime, day, fp, vector, byWeight, bands, now: engine.clock.now().getTime() };
}

/**
 * Quotation shingles are not counted: a 4-word run of a quotation is rare by construction (only
 * copies of the same report share it), and counting them would add a third of the counter writes.
 */
export function isCounted(feature: string): boolean {
  return !feature.startsWith('q:');
}

/**
 * Document frequencies of all features, in order; uncounted ones are taken as unseen. `freq`
 * answers for the counted features, a subsequence of `features`, so one walk pairs them up.
 */
function spread(features: readonly string[], freq: Frequencies): Frequencies {
  let next = 0;
  return { total: freq.total, df: features.map((f) => (isCounted(f) ? (freq.df[next++] ?? 0) : 0)) };
}

export function placement(opts: ClusterOptions, ctx: Context): Placement {
  return {
    postingKeys: [
      ...ctx.byWeight.slice(0, opts.postingKeys).map((i) => ctx.fp.features[i] ?? ''),
      ...ctx.bands,
    ],
    counted: ctx.fp.features.filter(isCounted),
    day: ctx.day,
    expiresAt: expiresAfter(ctx.eventTime, Math.ceil((2 * opts.windowDays + 1) * 86_400), ctx.now),
  };
}

export function indexed(ctx: Context, membership: Membership, state: IndexedItem['state']): IndexedItem {
  return {
    itemId: ctx.input.id,
    storyId: membership.storyId,
    state,
    eventTime: ctx.eventTime,
    writtenAt: new Date(ctx.now).toISOString(),
    features: ctx.vector.features,
    weights: ctx.vector.weights.map(round),
    norm: round(ctx.vector.norm),
    minhash: ctx.fp.minhash,
    membership,
  };
}

export function inRange(item: IndexedItem, range: TimeRange): boolean {
  return item.eventTime >= range.from && item.eventTime <= range.to;
}

/**
 * Expiry counted from the later of the record's own time and now: stores compare expiry with the
 * wall clock, and a backfilled item dated last month still needs its records while it is indexed.
 */
export function expiresAfter(iso: string, seconds: number, now: number): number {
  return Math.floor(Math.max(Date.parse(iso), now) / 1000) + seconds;
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

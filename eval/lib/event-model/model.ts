/**
 * The same-event model: a logistic regression over per-kind similarities of an item and a story's
 * centroids. Its coefficients and cut-off are data (same-event.ts), fitted by
 * `npm run fit:stories` (eval/fit-stories.ts); nothing here is tuned by hand.
 */
import { KIND_COUNT, KINDS } from './evidence.ts';
import { SAME_EVENT } from './same-event.ts';
import { dot, type SparseVector } from './vector.ts';

/** Model inputs, in order: each kind's cosine, then whether both sides have that kind at all. */
export const FEATURE_NAMES: readonly string[] = [
  'bias',
  ...KINDS.map((k) => `${k} cosine`),
  ...KINDS.map((k) => `${k} on both sides`),
  'body cosine squared',
  'names x body',
];

export interface Centroids {
  /** Sums of the members' unit vectors, per kind. */
  sums: SparseVector[];
  /** Their lengths, kept with them so a comparison does not sum them again. */
  norms: Float64Array;
}

/** The model's inputs for an item (unit vectors per kind) against a story's centroids. */
export function features(item: readonly SparseVector[], story: Centroids): number[] {
  const row = new Array<number>(FEATURE_NAMES.length).fill(0);
  row[0] = 1;
  for (let k = 0; k < KIND_COUNT; k++) {
    const v = item[k];
    const s = story.sums[k];
    const n = story.norms[k] ?? 0;
    if (!v || !s || v.ids.length === 0 || n === 0) continue;
    row[1 + k] = dot(v, s) / n;
    row[1 + KIND_COUNT + k] = 1;
  }
  const body = row[1] ?? 0;
  row[1 + 2 * KIND_COUNT] = body * body;
  row[2 + 2 * KIND_COUNT] = body * (row[3] ?? 0);
  return row;
}

export interface Logistic {
  weights: readonly number[];
  /** Probability at or above which an item joins a story. */
  cutoff: number;
}

/**
 * Two fits: one for items with a body, one for headline-only items (a feed that carries titles
 * alone). One set of weights for both made the headline sets pull the full-text cut-off around.
 */
export interface SameEventModel {
  full: Logistic;
  headline: Logistic;
}

/** The fit that judges an item: by whether it has a body at all. */
export function fitFor(item: readonly SparseVector[], model: SameEventModel = SAME_EVENT): Logistic {
  return (item[0]?.ids.length ?? 0) > 0 ? model.full : model.headline;
}

export function probability(row: readonly number[], model: Logistic): number {
  return 1 / (1 + Math.exp(-logit(row, model)));
}

export function logit(row: readonly number[], model: Logistic): number {
  let z = 0;
  for (let k = 0; k < row.length; k++) z += (model.weights[k] ?? 0) * (row[k] ?? 0);
  return z;
}

/** Each input's share of the logit: what the reader of `explain` sees per kind. */
export function contributions(row: readonly number[], model: Logistic): number[] {
  return row.map((x, k) => x * (model.weights[k] ?? 0));
}

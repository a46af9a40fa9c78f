/**
 * The same-event model: a logistic regression over per-kind similarities of an item and a story's
 * centroids. Its coefficients and cut-off are data (same-event.ts), fitted by
 * `npm run fit:stories` (eval/fit-stories.ts); nothing here is tuned by hand.
 */
import { KIND_COUNT, KINDS } from '../fingerprint/evidence.ts';
import { dot, type SparseVector } from '../fingerprint/vector.ts';

/** Model inputs, in order: each kind's cosine, then whether both sides have that kind at all. */
export const FEATURE_NAMES: readonly string[] = [
  'bias',
  ...KINDS.map((k) => `${k} cosine`),
  ...KINDS.map((k) => `${k} on both sides`),
  'body cosine squared',
  'names x body',
  "item's leading names in the story",
  "story's leading names in the item",
  "item's leading title words in the story",
];

/** Heaviest terms whose presence on the other side is asked: who an event is about. */
const LEADING = 3;

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
  const names = item[2];
  const storyNames = story.sums[2];
  if (names && storyNames && names.ids.length > 0 && storyNames.ids.length > 0) {
    row[3 + 2 * KIND_COUNT] = leadingShare(names, storyNames);
    row[4 + 2 * KIND_COUNT] = leadingShare(storyNames, names);
  }
  const title = item[1];
  const storyTitle = story.sums[1];
  if (title && storyTitle && title.ids.length > 0 && storyTitle.ids.length > 0)
    row[5 + 2 * KIND_COUNT] = leadingShare(title, storyTitle);
  return row;
}

/**
 * Share of `a`'s LEADING heaviest terms that `b` carries at all. Look-alike events share their
 * context (Watergate, Nixon, Woodward) and differ in who the report is about (LaRue, Felt): a
 * cosine over all names sees the context, this asks about the subject.
 */
function leadingShare(a: SparseVector, b: SparseVector): number {
  const lead = leading(a);
  let found = 0;
  for (const i of lead) if (contains(b.ids, a.ids[i] ?? 0)) found++;
  return found / lead.length;
}

/**
 * Indexes of the LEADING heaviest entries, heaviest first, the earlier index on a tie: what a
 * stable sort by weight would put first, in one pass (this runs for every candidate).
 */
function leading(v: SparseVector): number[] {
  const top: number[] = [];
  for (let i = 0; i < v.weights.length; i++) {
    const w = v.weights[i] as number;
    let at = top.length;
    while (at > 0 && w > (v.weights[top[at - 1] as number] as number)) at--;
    if (at >= LEADING) continue;
    top.splice(at, 0, i);
    if (top.length > LEADING) top.pop();
  }
  return top;
}

function contains(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < id) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === id;
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
  full: Fit;
  headline: Fit;
}

/**
 * `join` judges an item against a story; `merge` judges two stories that one joining item also
 * qualifies for (its centroids as the item): online, two copies can found two stories before
 * either has grown enough to draw the other's copies.
 */
export interface Fit {
  join: Logistic;
  merge: Logistic;
}

/** The fit that judges an item: by whether it has a body at all. */
export function fitFor(item: readonly SparseVector[], model: SameEventModel): Fit {
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

/**
 * The kinds each input speaks for, in FEATURE_NAMES order after the bias: a kind's cosine and
 * presence; body squared; names x body (split between the two); the leading names and title words.
 */
const INPUT_KINDS: readonly (readonly number[])[] = [
  ...KINDS.map((_, k) => [k]),
  ...KINDS.map((_, k) => [k]),
  [0],
  [0, 2],
  [2],
  [2],
  [1],
];

/** Each kind's share of the logit, in KINDS order: what the reader of `explain` sees. */
export function contributionsByKind(row: readonly number[], model: Logistic): number[] {
  const out = new Array<number>(KIND_COUNT).fill(0);
  INPUT_KINDS.forEach((kinds, i) => {
    const share = ((row[i + 1] ?? 0) * (model.weights[i + 1] ?? 0)) / kinds.length;
    for (const k of kinds) out[k] = (out[k] ?? 0) + share;
  });
  return out;
}

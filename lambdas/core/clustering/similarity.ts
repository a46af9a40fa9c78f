/** Idf weighting, the item-to-item score, and the evidence a membership records. */
import type { MembershipEvidence } from '../model.ts';
import type { Fingerprint } from './features.ts';
import type { Frequencies, IndexedItem, StoryVector } from './port.ts';

export interface Vector {
  features: string[];
  weights: number[];
  norm: number;
  byFeature: Map<string, number>;
  /** Document frequency of each feature among recent items, as read for the weights. */
  df: Map<string, number>;
}

/** idf = ln((N + prior) / (df + 1)): rare among recent items weighs most; see ClusterOptions.priorDocs. */
export function weigh(fp: Fingerprint, freq: Frequencies, priorDocs: number): Vector {
  const weights = fp.local.map(
    (local, i) => local * Math.log((freq.total + priorDocs) / ((freq.df[i] ?? 0) + 1)),
  );
  const byFeature = new Map<string, number>();
  let sum = 0;
  fp.features.forEach((f, i) => {
    const w = weights[i] ?? 0;
    byFeature.set(f, w);
    sum += w * w;
  });
  const df = new Map(fp.features.map((f, i) => [f, freq.df[i] ?? 0]));
  return { features: fp.features, weights, norm: Math.sqrt(sum), byFeature, df };
}

export interface Score {
  score: number;
  shared: string[];
  /** A shared feature the story owns: most recent items carrying it are members of the story. */
  anchor?: string;
}

/**
 * Cosine of the two weighted feature vectors. The candidate's weights are those of its own
 * indexing time: re-weighing it would need its document frequencies read again, for a drift of
 * a few percent within one time window.
 */
export function cosine(item: Vector, candidate: IndexedItem): Score {
  let dot = 0;
  const shared: string[] = [];
  candidate.features.forEach((f, i) => {
    const mine = item.byFeature.get(f);
    if (mine === undefined) return;
    dot += mine * (candidate.weights[i] ?? 0);
    shared.push(f);
  });
  const denominator = item.norm * candidate.norm;
  return { score: denominator > 0 ? dot / denominator : 0, shared };
}

/**
 * Cosine with a story's centroid, the item's features the centroid holds, and the strongest of
 * them the story owns: carried by at least `members` members and by `share` of the recent items
 * that carry it at all ("titanfall" in a story about Titanfall, not "gold" in one about gold).
 */
export function storyCosine(
  item: Vector,
  story: StoryVector,
  anchor: { share: number; members: number },
): Score {
  let dot = 0;
  let sum = 0;
  const shared: string[] = [];
  let owned: string | undefined;
  story.features.forEach((f, i) => {
    const w = story.weights[i] ?? 0;
    sum += w * w;
    const mine = item.byFeature.get(f);
    if (mine === undefined) return;
    dot += w * mine;
    shared.push(f);
    const count = story.counts[i] ?? 0;
    if (!owned && count >= anchor.members && count >= anchor.share * (item.df.get(f) ?? 0)) owned = f;
  });
  const denominator = item.norm * Math.sqrt(sum);
  return { score: denominator > 0 ? dot / denominator : 0, shared, anchor: owned };
}

/**
 * The story with the item's unit vector added, cut back to the `max` heaviest features: the
 * tail of a long story's centroid is words single copies used once, which decide nothing.
 * `eventTime` is the item's: a story opens at its earliest member's.
 */
export function absorb(
  story: StoryVector | undefined,
  storyId: string,
  item: Vector,
  max: number,
  eventTime: string,
): StoryVector {
  const sum = new Map<string, { weight: number; count: number }>();
  story?.features.forEach((f, i) => {
    sum.set(f, { weight: story.weights[i] ?? 0, count: story.counts[i] ?? 0 });
  });
  if (item.norm > 0)
    item.features.forEach((f, i) => {
      const entry = sum.get(f) ?? { weight: 0, count: 0 };
      sum.set(f, { weight: entry.weight + (item.weights[i] ?? 0) / item.norm, count: entry.count + 1 });
    });
  return {
    ...withTop(storyId, sum, max),
    members: (story?.members ?? 0) + 1,
    version: (story?.version ?? 0) + 1,
    opened: story?.opened !== undefined && story.opened < eventTime ? story.opened : eventTime,
  };
}

/** Cosine of two story centroids: whether two stories are telling the same event. */
export function centroidCosine(a: StoryVector, b: StoryVector): number {
  const other = new Map(b.features.map((f, i) => [f, b.weights[i] ?? 0]));
  let dot = 0;
  a.features.forEach((f, i) => {
    dot += (a.weights[i] ?? 0) * (other.get(f) ?? 0);
  });
  const denominator = Math.hypot(...a.weights) * Math.hypot(...b.weights);
  return denominator > 0 ? dot / denominator : 0;
}

/** `target` with every member of `other` added, cut back to the `max` heaviest features. */
export function fold(target: StoryVector, other: StoryVector, max: number): StoryVector {
  const sum = new Map<string, { weight: number; count: number }>();
  for (const story of [target, other])
    story.features.forEach((f, i) => {
      const entry = sum.get(f) ?? { weight: 0, count: 0 };
      sum.set(f, {
        weight: entry.weight + (story.weights[i] ?? 0),
        count: entry.count + (story.counts[i] ?? 0),
      });
    });
  const opened = earliest(target.opened, other.opened);
  return {
    ...withTop(target.storyId, sum, max),
    members: target.members + other.members,
    version: target.version + 1,
    ...(opened ? { opened } : {}),
  };
}

/** The earlier of two ISO 8601 times, either possibly absent: when a story was opened. */
export function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  return b === undefined || a <= b ? a : b;
}

function withTop(storyId: string, sum: Map<string, { weight: number; count: number }>, max: number) {
  const kept = [...sum].sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1)).slice(0, max);
  return {
    storyId,
    features: kept.map(([f]) => f),
    weights: kept.map(([, e]) => Math.round(e.weight * 10_000) / 10_000),
    counts: kept.map(([, e]) => e.count),
  };
}

const MAX_TERMS = 8;
const MAX_QUOTE_CHARS = 160;

export function evidence(
  item: Vector,
  fp: Fingerprint,
  shared: readonly string[],
  matchedItemId: string,
): MembershipEvidence {
  const set = new Set(shared);
  const of = (prefix: string) =>
    shared.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const terms = shared
    .filter((f) => f.startsWith('w:'))
    .sort((a, b) => (item.byFeature.get(b) ?? 0) - (item.byFeature.get(a) ?? 0))
    .slice(0, MAX_TERMS)
    .map((f) => f.slice(2));
  const quotes = fp.quotes
    .filter((q) => q.shingles.some((s) => set.has(s)))
    .map((q) => (q.text.length > MAX_QUOTE_CHARS ? `${q.text.slice(0, MAX_QUOTE_CHARS)}…` : q.text));
  return {
    matchedItemId,
    quotes,
    entities: of('e:').map((e) => e.replace(/_/g, ' ')),
    numbers: of('n:'),
    terms,
  };
}

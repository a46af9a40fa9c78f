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
  const df = new Map<string, number>();
  let sum = 0;
  for (let i = 0; i < fp.features.length; i++) {
    const f = fp.features[i] ?? '';
    const w = weights[i] ?? 0;
    byFeature.set(f, w);
    df.set(f, freq.df[i] ?? 0);
    sum += w * w;
  }
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
  for (let i = 0; i < candidate.features.length; i++) {
    const f = candidate.features[i] ?? '';
    const mine = item.byFeature.get(f);
    if (mine === undefined) continue;
    dot += mine * (candidate.weights[i] ?? 0);
    shared.push(f);
  }
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
  const shared: string[] = [];
  let owned: string | undefined;
  for (let i = 0; i < story.features.length; i++) {
    const f = story.features[i] ?? '';
    const mine = item.byFeature.get(f);
    if (mine === undefined) continue;
    dot += (story.weights[i] ?? 0) * mine;
    shared.push(f);
    const count = story.counts[i] ?? 0;
    if (!owned && count >= anchor.members && count >= anchor.share * (item.df.get(f) ?? 0)) owned = f;
  }
  const denominator = item.norm * (story.norm ?? normOf(story.weights));
  return { score: denominator > 0 ? dot / denominator : 0, shared, anchor: owned };
}

/** A centroid's norm, summed in feature order as it always was, so scores stay bit for bit. */
function normOf(weights: readonly number[]): number {
  let sum = 0;
  for (const w of weights) sum += w * w;
  return Math.sqrt(sum);
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
  const sum = new Sum(story);
  if (item.norm > 0)
    for (let i = 0; i < item.features.length; i++)
      sum.add(item.features[i] ?? '', (item.weights[i] ?? 0) / item.norm, 1);
  return {
    ...sum.top(storyId, max),
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
  const sum = new Sum(target);
  for (let i = 0; i < other.features.length; i++)
    sum.add(other.features[i] ?? '', other.weights[i] ?? 0, other.counts[i] ?? 0);
  const opened = earliest(target.opened, other.opened);
  return {
    ...sum.top(target.storyId, max),
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

/**
 * A centroid being added to, in parallel arrays: an object per feature made a join allocate a
 * few hundred. Each weight is the stored weight plus what is added, as it always was.
 */
class Sum {
  private readonly at = new Map<string, number>();
  private readonly features: string[] = [];
  private readonly weights: number[] = [];
  private readonly counts: number[] = [];

  constructor(story: StoryVector | undefined) {
    if (story)
      for (let i = 0; i < story.features.length; i++)
        this.add(story.features[i] ?? '', story.weights[i] ?? 0, story.counts[i] ?? 0);
  }

  add(feature: string, weight: number, count: number): void {
    const i = this.at.get(feature);
    if (i === undefined) {
      this.at.set(feature, this.features.length);
      this.features.push(feature);
      this.weights.push(weight);
      this.counts.push(count);
    } else {
      this.weights[i] = (this.weights[i] ?? 0) + weight;
      this.counts[i] = (this.counts[i] ?? 0) + count;
    }
  }

  /**
   * The `max` heaviest, ties by name, with weights rounded for storage and their norm. The
   * stored order comes first, so the (adaptive) sort mostly finds runs already in order.
   */
  top(
    storyId: string,
    max: number,
  ): Pick<StoryVector, 'storyId' | 'features' | 'weights' | 'counts' | 'norm'> {
    const { features, weights } = this;
    const order = features.map((_, i) => i);
    order.sort((a, b) => {
      const fa = features[a] ?? '';
      const fb = features[b] ?? '';
      return (weights[b] ?? 0) - (weights[a] ?? 0) || (fa < fb ? -1 : 1);
    });
    const kept = order.slice(0, max);
    const rounded = kept.map((i) => Math.round((weights[i] ?? 0) * 10_000) / 10_000);
    return {
      storyId,
      features: kept.map((i) => features[i] ?? ''),
      weights: rounded,
      counts: kept.map((i) => this.counts[i] ?? 0),
      norm: normOf(rounded),
    };
  }
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

/** Idf weighting, the item-to-item score, and the evidence a membership records. */
import type { MembershipEvidence } from '../model.ts';
import type { Fingerprint } from './features.ts';
import type { Frequencies, IndexedItem } from './port.ts';

export interface Vector {
  features: string[];
  weights: number[];
  norm: number;
  byFeature: Map<string, number>;
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
  return { features: fp.features, weights, norm: Math.sqrt(sum), byFeature };
}

export interface Score {
  score: number;
  shared: string[];
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

/**
 * Sparse vectors as two typed arrays sorted by term id: a cosine is one merge walk, and an item's
 * fingerprint costs eight bytes a term instead of a Map entry and a string.
 */
export interface SparseVector {
  ids: Uint32Array;
  weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Uint32Array(0), weights: new Float32Array(0) };

/** The `budget` heaviest entries, ties to the lower id, sorted by id; unit length when `unit`. */
export function topByWeight(ids: number[], weights: number[], budget: number, unit: boolean): SparseVector {
  const order = ids.map((_, i) => i);
  order.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || (ids[a] ?? 0) - (ids[b] ?? 0));
  const kept = order.slice(0, budget).sort((a, b) => (ids[a] ?? 0) - (ids[b] ?? 0));
  let sum = 0;
  for (const i of kept) sum += (weights[i] ?? 0) ** 2;
  const scale = unit && sum > 0 ? 1 / Math.sqrt(sum) : 1;
  return {
    ids: Uint32Array.from(kept, (i) => ids[i] ?? 0),
    weights: Float32Array.from(kept, (i) => (weights[i] ?? 0) * scale),
  };
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const [ai, bi, aw, bw] = [a.ids, b.ids, a.weights, b.weights];
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) sum += (aw[i++] as number) * (bw[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

export function norm(v: SparseVector): number {
  let sum = 0;
  for (const w of v.weights) sum += w * w;
  return Math.sqrt(sum);
}

/** `sum + scale * v`, cut back to the `cap` heaviest entries: a story's centroid after a join. */
export function addScaled(sum: SparseVector, v: SparseVector, scale: number, cap: number): SparseVector {
  const ids: number[] = [];
  const weights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < sum.ids.length || j < v.ids.length) {
    const x = i < sum.ids.length ? (sum.ids[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < v.ids.length ? (v.ids[j] as number) : Number.POSITIVE_INFINITY;
    if (x === y) {
      ids.push(x);
      weights.push((sum.weights[i++] as number) + scale * (v.weights[j++] as number));
    } else if (x < y) {
      ids.push(x);
      weights.push(sum.weights[i++] as number);
    } else {
      ids.push(y);
      weights.push(scale * (v.weights[j++] as number));
    }
  }
  if (ids.length <= cap) return { ids: Uint32Array.from(ids), weights: Float32Array.from(weights) };
  return topByWeight(ids, weights, cap, false);
}

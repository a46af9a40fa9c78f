/**
 * An item's fingerprint: per kind, its terms weighted by how often the item uses them and how rare
 * they are (idf), cut to the kind's budget by weight and scaled to unit length.
 */
import { type Evidence, KIND_COUNT } from '../fingerprint/evidence.ts';
import { type SparseVector, topByWeight } from '../fingerprint/vector.ts';
import type { Rarity } from './rarity.ts';

export interface Fingerprint {
  /** One unit vector per kind, in KINDS order; empty where the text has none of that kind. */
  vectors: SparseVector[];
}

/**
 * Terms kept per kind, in KINDS order (body, title, names, figures, dates, quotes). Chosen on the
 * ECB+ training folds with eval/fit-stories.ts: past these the held-out F1 stopped moving, and
 * the budget is most of an item's memory.
 */
export const BUDGETS: readonly number[] = [48, 12, 16, 8, 6, 16];

export function weigh(evidence: Evidence, rarity: Rarity): Fingerprint {
  const vectors: SparseVector[] = [];
  for (let kind = 0; kind < KIND_COUNT; kind++) {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const [id, tf] of evidence.kinds[kind] ?? []) {
      ids.push(id);
      weights.push((1 + Math.log(tf)) * rarity.idf(kind, id));
    }
    vectors.push(topByWeight(ids, weights, BUDGETS[kind] ?? 0, true));
  }
  return { vectors };
}

/**
 * MinHash over word shingles, banded for LSH: near-identical texts (syndicated copies under other
 * furniture) land in a shared bucket whatever else the index holds.
 */
import { fnv1a, hex32, mix32 } from './hash.ts';

export const MINHASH_SIZE = 64;
/** 16 bands of 4 rows: a pair with Jaccard 0.75 shares a bucket with probability 0.998, 0.3 with 0.12. */
export const BANDS = 16;
const ROWS = MINHASH_SIZE / BANDS;
const SHINGLE = 4;

/** One seed per hash function, fixed so signatures compare across processes. */
const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix32(i + 1));

/** Signature of a term sequence, or undefined when it is too short for shingles to mean much. */
export function minhash(terms: readonly string[], minShingles: number): number[] | undefined {
  const count = terms.length - SHINGLE + 1;
  if (count < minShingles) return undefined;
  const mins = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  const termHashes = terms.map((t) => fnv1a(t));
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let k = 0; k < SHINGLE; k++) h = mix32(h ^ (termHashes[i + k] ?? 0));
    for (let j = 0; j < MINHASH_SIZE; j++) {
      const v = mix32(h ^ (SEEDS[j] ?? 0));
      if (v < (mins[j] ?? 0)) mins[j] = v;
    }
  }
  return mins;
}

/** Estimated Jaccard similarity of the two shingle sets. */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

export function bandKeys(signature: readonly number[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ (signature[band * ROWS + r] ?? 0));
    keys.push(`b:${band}:${hex32(h)}`);
  }
  return keys;
}

/**
 * MinHash over word shingles, banded for LSH: near-identical texts (syndicated copies under other
 * furniture) land in a shared bucket whatever else the index holds.
 *
 * One-permutation hashing (Li, Owen & Zhang, 2012): each shingle is hashed once, its top bits pick
 * one of 64 bins and each bin keeps its minimum. The fraction of bins on which two signatures agree
 * estimates Jaccard similarity as 64 independent hash functions would, at 1/64th of the hashing.
 */
import { hex32, mix32 } from './hash.ts';

export const MINHASH_SIZE = 64;
/** 16 bands of 4 rows: a pair with Jaccard 0.75 shares a bucket with probability 0.998, 0.3 with 0.12. */
export const BANDS = 16;
const ROWS = MINHASH_SIZE / BANDS;
const SHINGLE = 4;
const BIN_SHIFT = 26;
const EMPTY = 0xffffffff;

/**
 * Signature of a term sequence, given as the terms' fnv1a hashes (cached with the terms), or
 * undefined when it is too short for shingles to mean much.
 */
export function minhash(termHashes: readonly number[], minShingles: number): number[] | undefined {
  const count = termHashes.length - SHINGLE + 1;
  if (count < minShingles) return undefined;
  const bins = new Array<number>(MINHASH_SIZE).fill(EMPTY);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let k = 0; k < SHINGLE; k++) h = mix32(h ^ (termHashes[i + k] ?? 0));
    const bin = h >>> BIN_SHIFT;
    const value = h & 0x3ffffff;
    if (value < (bins[bin] ?? EMPTY)) bins[bin] = value;
  }
  return densify(bins);
}

/**
 * An empty bin borrows the value of the next non-empty one (rotation densification, Shrivastava &
 * Li 2014), offset by the distance, so two texts still agree on it only when their sets agree.
 */
function densify(bins: number[]): number[] {
  return bins.map((value, i) => {
    if (value !== EMPTY) return value;
    for (let d = 1; d < MINHASH_SIZE; d++) {
      const other = bins[(i + d) % MINHASH_SIZE] ?? EMPTY;
      if (other !== EMPTY) return (other + d * 0x4000000) >>> 0;
    }
    return EMPTY;
  });
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

/**
 * Terms by spelling, looked up straight from the text being read. A Map needs each word cut out
 * of the text as a new string and hashed afresh; with tens of thousands of spellings cached, that
 * was a third of fingerprinting time. Here the caller hashes the word in place and the table
 * compares it in place, case-insensitively: a word's term does not depend on its case.
 */

export const FNV_OFFSET = 0x811c9dc5;

/** One step of a case-folded FNV-1a over letters, apostrophes and hyphens. */
export function foldInto(hash: number, c: number): number {
  // | 32 lower-cases an ASCII letter and leaves ' and - as they are.
  return Math.imul(hash ^ (c | 32), 0x01000193);
}

const INITIAL_SLOTS = 1024;

/**
 * Open addressing with linear probing, grown to stay at most half full; its owner empties it to
 * bound it. Growing rather than allocating for the bound keeps the slots of the words in use
 * close together in the CPU cache.
 */
export class TermCache<T> {
  /** Pairs of (hash, entry number + 1); 0 marks a free slot. */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private spellings: string[] = [];
  private values: T[] = [];

  get size(): number {
    return this.spellings.length;
  }

  /** The value cached for text[start, end) in any case, or undefined. */
  get(text: string, start: number, end: number, hash: number): T | undefined {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const entry = this.slots[2 * s + 1] ?? 0;
      if (entry === 0) return undefined;
      if (this.slots[2 * s] === hash && this.matches(entry - 1, text, start, end))
        return this.values[entry - 1];
    }
  }

  /** Caches a value under a lower-case spelling, whose hash the caller computed with foldInto. */
  set(hash: number, spelling: string, value: T): void {
    if (2 * (this.spellings.length + 1) > this.mask + 1) this.grow();
    this.spellings.push(spelling);
    this.values.push(value);
    this.place(hash, this.spellings.length);
  }

  private place(hash: number, entry: number): void {
    let s = hash & this.mask;
    while ((this.slots[2 * s + 1] ?? 0) !== 0) s = (s + 1) & this.mask;
    this.slots[2 * s] = hash;
    this.slots[2 * s + 1] = entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let s = 1; s < old.length; s += 2) if (old[s]) this.place(old[s - 1] ?? 0, old[s] ?? 0);
  }

  private matches(entry: number, text: string, start: number, end: number): boolean {
    const spelling = this.spellings[entry] ?? '';
    if (spelling.length !== end - start) return false;
    for (let i = 0; i < spelling.length; i++)
      if ((text.charCodeAt(start + i) | 32) !== spelling.charCodeAt(i)) return false;
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(2 * INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
    this.spellings = [];
    this.values = [];
  }
}

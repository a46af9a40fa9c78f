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
 * Int32s per slot: hash, entry number + 1 (0 marks a free slot), the spelling's length (-1 when
 * not packed), and up to PACKED_CHARS of its characters, a byte each.
 */
const STRIDE = 8;
const PACKED_CHARS = 12;

/**
 * Open addressing with linear probing, grown to stay at most half full; its owner empties it to
 * bound it. Growing rather than allocating for the bound keeps the slots of the words in use
 * close together in the CPU cache. Most words are short enough for their spelling to sit in the
 * slot: comparing there saves reading a string from elsewhere in memory, and with a news-sized
 * vocabulary those reads missed the CPU cache on most tokens.
 */
export class TermCache<T> {
  private slots = new Int32Array(STRIDE * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private spellings: string[] = [];
  private values: T[] = [];

  get size(): number {
    return this.spellings.length;
  }

  /** The value cached for text[start, end) in any case, or undefined. */
  get(text: string, start: number, end: number, hash: number): T | undefined {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const at = s * STRIDE;
      const entry = this.slots[at + 1] ?? 0;
      if (entry === 0) return undefined;
      if (this.slots[at] === hash && this.matches(at, entry - 1, text, start, end))
        return this.values[entry - 1];
    }
  }

  /** Caches a value under a lower-case spelling, whose hash the caller computed with foldInto. */
  set(hash: number, spelling: string, value: T): void {
    if (2 * (this.spellings.length + 1) > this.mask + 1) this.grow();
    this.spellings.push(spelling);
    this.values.push(value);
    const at = this.free(hash);
    this.slots[at] = hash;
    this.slots[at + 1] = this.spellings.length;
    this.slots[at + 2] = pack(spelling, this.slots, at + 3) ? spelling.length : -1;
  }

  /** The first free slot from the hash's home, as an offset into `slots`. */
  private free(hash: number): number {
    let s = hash & this.mask;
    while ((this.slots[s * STRIDE + 1] ?? 0) !== 0) s = (s + 1) & this.mask;
    return s * STRIDE;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let from = 0; from < old.length; from += STRIDE)
      if (old[from + 1]) this.slots.set(old.subarray(from, from + STRIDE), this.free(old[from] ?? 0));
  }

  private matches(at: number, entry: number, text: string, start: number, end: number): boolean {
    const length = this.slots[at + 2] ?? -1;
    if (length >= 0) {
      if (length !== end - start) return false;
      for (let i = 0; i < length; i++) {
        const packed = ((this.slots[at + 3 + (i >> 2)] ?? 0) >>> ((i & 3) << 3)) & 0xff;
        if ((text.charCodeAt(start + i) | 32) !== packed) return false;
      }
      return true;
    }
    const spelling = this.spellings[entry] ?? '';
    if (spelling.length !== end - start) return false;
    for (let i = 0; i < spelling.length; i++)
      if ((text.charCodeAt(start + i) | 32) !== spelling.charCodeAt(i)) return false;
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(STRIDE * INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
    this.spellings = [];
    this.values = [];
  }
}

/** Writes a short spelling of one-byte characters into `slots` from `at`; false if it does not fit. */
function pack(spelling: string, slots: Int32Array, at: number): boolean {
  if (spelling.length > PACKED_CHARS) return false;
  for (let i = 0; i < spelling.length; i++) if (spelling.charCodeAt(i) > 0xff) return false;
  for (let i = 0; i < spelling.length; i++)
    slots[at + (i >> 2)] = (slots[at + (i >> 2)] ?? 0) | (spelling.charCodeAt(i) << ((i & 3) << 3));
  return true;
}

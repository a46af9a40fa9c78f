/**
 * Every word form and wildcard prefix of every topic in one open-addressing hash table. Lookups
 * take a range of a string, so an item's words are looked up without building a string for each.
 */

/** Atom ids found for a word, or for one of its prefixes. */
export interface AtomSink {
  found(atoms: readonly number[]): void;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const MAX_PREFIX_LENGTH = 64;
const FILTER_BITS = 16;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/**
 * One byte per 16-bit slice of a hash: 0 means no key has it. Most words of an item are in no
 * topic, and one byte read rules them out before a probe of the (larger) table.
 */
function filterOf(hashes: Iterable<number>): Uint8Array {
  const filter = new Uint8Array(FILTER_MASK + 1);
  for (const hash of hashes) filter[(hash >>> FILTER_BITS) & FILTER_MASK] = 1;
  return filter;
}

/** A `?` wildcard: found under its literal start like a prefix, then the whole word is tested. */
export interface Pattern {
  atom: number;
  re: RegExp;
}

interface Entry {
  key: string;
  exact?: number[];
  prefix?: number[];
  patterns?: Pattern[];
}

export class Lexicon {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  private readonly keys: string[];
  private readonly exact: (readonly number[] | undefined)[];
  private readonly prefix: (readonly number[] | undefined)[];
  private readonly patterns: (readonly Pattern[] | undefined)[];
  /** prefixLength[n] is 1 when some prefix has n characters. */
  private readonly prefixLength = new Uint8Array(MAX_PREFIX_LENGTH + 1);
  /** Characters of the longest prefix: past it, lookup only hashes. */
  private readonly longestPrefix: number;
  private readonly exactFilter: Uint8Array;
  private readonly prefixFilter: Uint8Array;

  constructor(
    words: Map<string, number[]>,
    prefixes: Map<string, number[]>,
    patterns: Map<string, Pattern[]>,
  ) {
    const entries = new Map<string, Entry>();
    for (const [key, atoms] of words) entries.set(key, { key, exact: atoms });
    const startsWith = (key: string, entry: Partial<Entry>) => {
      if (key.length > MAX_PREFIX_LENGTH)
        throw new Error(`wildcard prefix longer than ${MAX_PREFIX_LENGTH}: ${key}`);
      entries.set(key, { ...(entries.get(key) ?? { key }), ...entry });
      this.prefixLength[key.length] = 1;
    };
    for (const [key, atoms] of prefixes) startsWith(key, { prefix: atoms });
    for (const [key, list] of patterns) startsWith(key, { patterns: list });
    this.longestPrefix = Math.max(0, ...[...prefixes.keys(), ...patterns.keys()].map((p) => p.length));
    const list = [...entries.values()];
    this.keys = list.map((e) => e.key);
    this.exact = list.map((e) => e.exact);
    this.prefix = list.map((e) => e.prefix);
    this.patterns = list.map((e) => e.patterns);
    this.hashes = Int32Array.from(this.keys, hashOf);
    this.exactFilter = filterOf(this.hashes.filter((_, id) => this.exact[id] !== undefined));
    this.prefixFilter = filterOf(
      this.hashes.filter((_, id) => this.prefix[id] !== undefined || this.patterns[id] !== undefined),
    );
    const size = 2 ** Math.ceil(Math.log2(2 * list.length + 2));
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes.forEach((hash, id) => {
      let slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    });
  }

  /** Reports the atoms of the word text[start, end) and of each wildcard prefix of it. */
  lookup(text: string, start: number, end: number, sink: AtomSink): void {
    let hash = FNV_OFFSET;
    let i = start;
    const prefixEnd = Math.min(end, start + this.longestPrefix);
    for (; i < prefixEnd; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
      if (
        this.prefixLength[i - start + 1] === 1 &&
        this.prefixFilter[(hash >>> FILTER_BITS) & FILTER_MASK] === 1
      ) {
        const id = this.find(hash, text, start, i + 1);
        if (id >= 0) this.reportPrefix(id, text, start, end, sink);
      }
    }
    for (; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    if (this.exactFilter[(hash >>> FILTER_BITS) & FILTER_MASK] === 1) {
      // Most words that pass the filter are in no topic: a -1 index would take V8's slow path.
      const id = this.find(hash, text, start, end);
      const atoms = id >= 0 ? this.exact[id] : undefined;
      if (atoms) sink.found(atoms);
    }
  }

  private reportPrefix(id: number, text: string, start: number, end: number, sink: AtomSink): void {
    const atoms = this.prefix[id];
    if (atoms) sink.found(atoms);
    const patterns = this.patterns[id];
    if (patterns === undefined) return;
    // Only words that start like a pattern get here, so building the word string is rare.
    const word = text.slice(start, end);
    for (const pattern of patterns) if (pattern.re.test(word)) sink.found([pattern.atom]);
  }

  /** The entry id of text[start, end), or -1. */
  private find(hash: number, text: string, start: number, end: number): number {
    const { slots, hashes, keys, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = (slots[slot] ?? 0) - 1;
      if (id < 0 || (hashes[id] === hash && sameText(keys[id] ?? '', text, start, end))) return id;
    }
  }
}

function hashOf(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash;
}

function sameText(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

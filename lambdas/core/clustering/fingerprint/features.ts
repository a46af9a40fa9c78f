/**
 * What a report keeps when another outlet rewrites it: the names, the numbers, the quotations and
 * the rare words. Each becomes a feature with a local weight; the index later multiplies in how
 * rare the feature is among recent items (idf).
 */
import { fnv1a, hex32 } from './hash.ts';
import { minhash } from './minhash.ts';
import {
  boundTermCaches,
  cleanText,
  isTitleCase,
  normalizePunctuation,
  scan,
  stemCached,
  type Term,
} from './text.ts';

export interface Fingerprint {
  /** Feature keys ('w:' term, 'e:' name pair, 'n:' number, 'q:' quotation shingle), strongest first. */
  features: string[];
  /** Local weight of each feature (same order): frequency, position and kind, before idf. */
  local: number[];
  /** Quotations of five words or more, as written, for the evidence. */
  quotes: { text: string; shingles: string[] }[];
  minhash?: number[];
}

export interface FeatureWeights {
  /** Multiplier for words of the headline: the outlet's own summary of the event. */
  title: number;
  /** Multiplier for names (capitalised mid-sentence): events are about someone somewhere. */
  proper: number;
  /** Weight of a pair of adjacent names ("marco rubio"). */
  entity: number;
  /** Weight of a number with its unit ("3.5%", "$56b", "jul-1"): rewrites keep figures. */
  number: number;
  /** Weight of one 4-word shingle of a quotation: rewrites keep quotes verbatim. */
  quote: number;
  /**
   * Features kept per document, by kind ('w', 'e', 'n', 'q'). Quotas rather than one ranking:
   * before idf a long article's frequent words would crowd out the single mention of a name pair
   * or a figure, which are the rarer and more telling features.
   */
  quota: Record<'w' | 'e' | 'n' | 'q', number>;
  /**
   * Words of cleaned body read (whole lines). News is written as an inverted pyramid: who, what, when and
   * the key quote come first, background shared with every other story on the topic comes last.
   */
  leadWords: number;
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const PERCENT = /(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b|pct\b)/gi;
const MONEY = /[$€£¥]\s?(\d+(?:[.,]\d+)*)\s*(trillion|billion|million|bn|mn|tn|[mbk])?\b/gi;
const DATE_MD = new RegExp(`\\b(${MONTHS})[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'gi');
const DATE_DM = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS})[a-z]*\\b`, 'gi');
const PLAIN_NUMBER = /\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+\b|\b\d{2,}\b/g;
/** Capitalised words of any alphabet in a row ("Präsident Müller"); the lookbehind is \b for all letters. */
export const NAME_RUN =
  /(?<![\p{L}\p{M}\p{N}_])\p{Lu}[\p{L}\p{M}'-]*[\p{L}\p{M}](?:\s+\p{Lu}[\p{L}\p{M}'-]*[\p{L}\p{M}])+/gu;
const MIN_QUOTE_WORDS = 5;
const QUOTE_SHINGLE = 4;
/** Fewer shingles than this and a MinHash estimate is too coarse to call texts near-identical. */
export const MIN_MINHASH_SHINGLES = 40;

export function fingerprint(title: string, rawText: string, w: FeatureWeights): Fingerprint {
  const titleText = normalizePunctuation(title.trim());
  const body = normalizePunctuation(cleanText(rawText, w.leadWords));
  boundTermCaches();
  const bag = new Bag();
  const titleIsCased = isTitleCase(titleText);
  scan(titleText, (t, proper) => bag.countTerm(t, w.title * (proper && !titleIsCased ? w.proper : 1)));
  const bodyHashes: number[] = [];
  scan(body, (t, proper) => {
    bodyHashes.push(t.hash);
    bag.countTerm(t, proper ? w.proper : 1);
  });
  for (const n of numbers(`${titleText}\n${body}`)) bag.count(`n:${n}`, w.number);
  for (const e of namePairs(titleIsCased ? body : `${titleText}\n${body}`)) bag.count(`e:${e}`, w.entity);
  const quotes = quotations(body, w.quota.q);
  const { keys, weights } = bag.weighted(quotes, w.quote);
  const ranked = withinQuotas(keys, weights, w.quota);
  return {
    features: ranked.map((i) => keys[i] ?? ''),
    local: ranked.map((i) => weights[i] ?? 0),
    quotes,
    minhash: minhash(bodyHashes, MIN_MINHASH_SHINGLES),
  };
}

/** Bags made so far: a term counted by an earlier bag is new to this one. */
let bags = 0;

/**
 * Features of one document with how often each occurs and its strongest local weight, in
 * parallel arrays: an object per feature made this the busiest allocation of fingerprinting.
 * Words are counted on their term (one object per stem, see Term), which spares a lookup by key
 * for most tokens; figures and names go through the map.
 */
class Bag {
  private readonly id = ++bags;
  private readonly slots = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly tf: number[] = [];
  private readonly strongest: number[] = [];

  countTerm(term: Term, weight: number): void {
    if (term.bag === this.id) this.again(term.slot, weight);
    else {
      term.bag = this.id;
      term.slot = this.add(term.key, weight);
    }
  }

  count(key: string, weight: number): void {
    const i = this.slots.get(key);
    if (i === undefined) this.slots.set(key, this.add(key, weight));
    else this.again(i, weight);
  }

  private add(key: string, weight: number): number {
    this.keys.push(key);
    this.tf.push(1);
    this.strongest.push(weight);
    return this.keys.length - 1;
  }

  private again(i: number, weight: number): void {
    this.tf[i] = (this.tf[i] ?? 0) + 1;
    this.strongest[i] = Math.max(this.strongest[i] ?? 0, weight);
  }

  /** Weight by frequency (sublinear), then the quotations' shingles, each occurrence adding `quote`. */
  weighted(quotes: Fingerprint['quotes'], quote: number): { keys: string[]; weights: number[] } {
    const keys = [...this.keys];
    const weights = this.keys.map((_, i) => (this.strongest[i] ?? 0) * (1 + Math.log(this.tf[i] ?? 1)));
    const shingles = new Map<string, number>();
    for (const q of quotes)
      for (const s of q.shingles) {
        const i = shingles.get(s);
        if (i === undefined) {
          shingles.set(s, keys.length);
          keys.push(s);
          weights.push(quote);
        } else weights[i] = (weights[i] ?? 0) + quote;
      }
    return { keys, weights };
  }
}

/**
 * Indexes of the strongest features of each kind within its quota, strongest first. Each kind
 * keeps a short ranked list while the bag is read: sorting the whole bag (some 250 entries,
 * mostly words seen once) only to keep 72 of them was a fifth of fingerprinting.
 */
function withinQuotas(keys: string[], weights: number[], quota: FeatureWeights['quota']): number[] {
  const limits: Record<string, number> = quota;
  const kept: Record<string, number[]> = {};
  for (let i = 0; i < keys.length; i++) {
    const kind = (keys[i] ?? '').charAt(0);
    const limit = limits[kind] ?? 0;
    if (limit <= 0) continue;
    let list = kept[kind];
    if (list === undefined) {
      list = [];
      kept[kind] = list;
    }
    insertRanked(list, i, limit, keys, weights);
  }
  return Object.values(kept)
    .flat()
    .sort((a, b) => rank(keys, weights, a, b));
}

/** Inserts feature `i` in rank order, keeping at most `limit` entries. */
function insertRanked(list: number[], i: number, limit: number, keys: string[], weights: number[]): void {
  // Once a kind's list is full most candidates rank below its last entry.
  if (list.length === limit && rank(keys, weights, list[limit - 1] ?? 0, i) < 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rank(keys, weights, list[mid] ?? 0, i) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, i);
  if (list.length > limit) list.pop();
}

/** Feature `a` against feature `b`: negative when `a` ranks first. */
function rank(keys: string[], weights: number[], a: number, b: number): number {
  return byWeightThenLength(keys[a] ?? '', weights[a] ?? 0, keys[b] ?? '', weights[b] ?? 0);
}

/** Ties are common (words seen once); a longer word is usually the rarer one. */
function byWeightThenLength(a: string, aWeight: number, b: string, bWeight: number): number {
  return bWeight - aWeight || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Figures with their unit, so "3.5%" and "3.5 per cent" meet and "5%" is not "5 troops". */
export function numbers(text: string): string[] {
  const found: string[] = [];
  // Most lines hold no figure; the patterns below need not scan them.
  let rest = text
    .split('\n')
    .filter((line) => /[0-9]/.test(line))
    .join('\n');
  const take = (re: RegExp, key: (m: RegExpMatchArray) => string) => {
    const before = found.length;
    for (const m of rest.matchAll(re)) found.push(key(m));
    // Blanking what matched needs another pass over the text; most patterns match nothing.
    if (found.length > before) rest = rest.replace(re, ' ');
  };
  take(PERCENT, (m) => `${m[1]}%`);
  take(MONEY, (m) => `$${(m[1] ?? '').replace(/,/g, '')}${(m[2] ?? '').charAt(0).toLowerCase()}`);
  take(DATE_MD, (m) => `${(m[1] ?? '').toLowerCase()}-${Number(m[2])}`);
  take(DATE_DM, (m) => `${(m[2] ?? '').toLowerCase()}-${Number(m[1])}`);
  take(PLAIN_NUMBER, (m) => (m[0] ?? '').replace(/,/g, ''));
  return found;
}

/** Adjacent capitalised words not opening a sentence, as stemmed pairs ("marco_rubio"). */
export function namePairs(text: string): string[] {
  return namePairsWritten(text).map(([key]) => key);
}

/** Each name pair's key with the pair as the text writes it ("judg_helena", "Judge Helena"). */
function namePairsWritten(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const run of text.matchAll(NAME_RUN)) {
    const written = run[0].split(/\s+/).map((word) => word.replace(/'s$/, ''));
    const words = written.map((word) => stemCached(word.toLowerCase()));
    for (let i = 0; i + 1 < words.length; i++)
      pairs.push([`${words[i]}_${words[i + 1]}`, `${written[i]} ${written[i + 1]}`]);
  }
  return pairs;
}

/**
 * The first spelling in `text` of each wanted word ('w:') and name pair ('e:') feature, so a
 * reader sees "Judge Helena" and "dredging" rather than the keys "judg_helena" and "dredg". Read
 * again from the text when evidence is written (once per join), not kept by every fingerprint.
 */
export function surfaceForms(text: string, wanted: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  const plain = normalizePunctuation(text);
  scan(plain, (term, _proper, start, end) => {
    if (wanted.has(term.key) && !found.has(term.key))
      found.set(term.key, plain.slice(start, end).replace(/'s$/, ''));
  });
  for (const [key, written] of namePairsWritten(plain))
    if (wanted.has(`e:${key}`) && !found.has(`e:${key}`)) found.set(`e:${key}`, written);
  return found;
}

const OPEN_AFTER = new Set([' ', '\n', '\t', '(', '[', '-']);
const CLOSE_BEFORE = new Set([' ', '\n', '\t', '.', ',', ';', ':', '!', '?', ')', ']', '-']);
const MAX_QUOTE_CHARS = 600;
const MIN_DOUBLE_QUOTE_CHARS = 20;

/**
 * Quoted spans within a line. An opening mark follows a space or bracket and precedes a
 * non-space; a closing one follows a non-space and precedes a space or punctuation, so `a "b" c
 * "d"` is two quotes and the apostrophe of "We've" neither opens nor closes one.
 */
function quoteSpans(text: string): string[] {
  const spans: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = text[i];
    if (mark !== '"' && mark !== "'") continue;
    if (i > 0 && !OPEN_AFTER.has(text[i - 1] ?? '')) continue;
    const next = text[i + 1] ?? ' ';
    if (next === ' ' || next === '\n' || (mark === "'" && !/[A-Za-z0-9]/.test(next))) continue;
    const close = closingMark(text, i, mark);
    if (close < 0) continue;
    spans.push(text.slice(i + 1, close));
    i = close;
  }
  return spans;
}

function closingMark(text: string, open: number, mark: string): number {
  const limit = Math.min(text.length, open + MAX_QUOTE_CHARS + 2);
  for (let j = open + 2; j < limit; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c !== mark || text[j - 1] === ' ' || !CLOSE_BEFORE.has(text[j + 1] ?? ' ')) continue;
    if (mark === '"' && j - open - 1 < MIN_DOUBLE_QUOTE_CHARS) return -1;
    return j;
  }
  return -1;
}

export function quotations(text: string, maxShingles: number): Fingerprint['quotes'] {
  const quotes: Fingerprint['quotes'] = [];
  let budget = maxShingles;
  for (const quoted of quoteSpans(text)) {
    const words = quoted
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u)
      .map((word) => stemCached(word.replace(/'/g, '')))
      .filter(Boolean);
    if (words.length < MIN_QUOTE_WORDS || budget <= 0) continue;
    const shingles = new Set<string>();
    for (let i = 0; i + QUOTE_SHINGLE <= words.length && shingles.size < budget; i++) {
      shingles.add(`q:${hex32(fnv1a(words.slice(i, i + QUOTE_SHINGLE).join(' ')))}`);
    }
    budget -= shingles.size;
    quotes.push({ text: quoted.trim(), shingles: [...shingles] });
  }
  return quotes;
}

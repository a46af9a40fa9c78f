/**
 * What a report keeps when another outlet rewrites it, read from the text: figures with their
 * units, quotations, and runs of capitalised words (names).
 */
import { fnv1a, hex32 } from './hash.ts';
import { stemCached } from './text.ts';

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

/** A quotation as written, and its 4-word shingles ('q:' + hash): rewrites keep quotes verbatim. */
export interface Quotation {
  text: string;
  shingles: string[];
}

/** Quotations of five words or more, with at most `maxShingles` shingles in all. */
export function quotations(text: string, maxShingles: number): Quotation[] {
  const quotes: Quotation[] = [];
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

/**
 * Splits text into the words queries are matched against, keeping each word's character range so
 * a hit can be shown in a snippet of the original text. Queries, items, search and highlighting
 * go through the same scanner, so all sides agree on what a word is; runs of a script written
 * without spaces are split into words by segment.ts. Hand-written rather than one regular
 * expression because it runs on every word of every item.
 */
import { foldLowercase, foldWord, withoutElision } from './fold.ts';
import { hasUnspaced, visitSegments } from './segment.ts';

// Character classes, ASCII first. They live in this module because the scanner calls them for
// every character, and calls across module boundaries are not always inlined.
const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const LETTER_RE = /\p{L}/u;
const MARK_RE = /\p{M}/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigit(c) || isAsciiLetter(c);
  return WORD_CHAR_RE.test(text[i] ?? '');
}

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiLetter(c) : LETTER_RE.test(text[i] ?? '');
}

function skipMarks(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 128 && MARK_RE.test(text[j] ?? '')) j++;
  return j;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x02bc;
}

function isGroupSeparator(c: number): boolean {
  return c === 0x2c || c === 0xa0 || c === 0x202f || c === 0x2009;
}

export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

function digitsEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** `\.\d+` at i, or i. */
function decimalEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x2e || !isDigit(text.charCodeAt(i + 1))) return i;
  return digitsEnd(text, i + 1);
}

/**
 * "1,000", "3.5", "2+2", "5%": returns the end, or -1 when the digits run on into letters ("5bn",
 * "2025s"), which are then read as a word.
 */
function numberEnd(text: string, start: number): number {
  let j = digitsEnd(text, start);
  if (j - start <= 3) {
    // Thousands groups: exactly three digits after each separator.
    while (isGroupSeparator(text.charCodeAt(j)) && digitsEnd(text, j + 1) === j + 4) j += 4;
  }
  j = decimalEnd(text, j);
  while (text.charCodeAt(j) === 0x2b && isDigit(text.charCodeAt(j + 1)))
    j = decimalEnd(text, digitsEnd(text, j + 1));
  if (text.charCodeAt(j) === 0x25) j++;
  return j < text.length && isWordChar(text, j) ? -1 : j;
}

/** "U.S.", "e.g.": single letters joined by dots. Returns the end, or -1. */
function abbreviationEnd(text: string, start: number): number {
  let j = skipMarks(text, start + 1);
  let letters = 1;
  while (text.charCodeAt(j) === 0x2e && isLetter(text, j + 1)) {
    const after = skipMarks(text, j + 2);
    if (after < text.length && text.charCodeAt(after) !== 0x2e && isWordChar(text, after)) break;
    j = after;
    letters++;
  }
  if (letters < 2) return -1;
  // A final dot belongs to the abbreviation unless a word follows it directly.
  if (text.charCodeAt(j) === 0x2e && !(j + 1 < text.length && isWordChar(text, j + 1))) j++;
  return j;
}

/** Word characters, with apostrophes inside ("O'Brien", "Japan’s"). */
function wordEnd(text: string, start: number): number {
  let j = start;
  for (;;) {
    while (j < text.length && isWordChar(text, j)) j++;
    if (isApostrophe(text.charCodeAt(j)) && j + 1 < text.length && isWordChar(text, j + 1)) j++;
    else return j;
  }
}

const POSSESSIVE_RE = /['\u2018\u2019\u02BC]s$/;
const APOSTROPHES_RE = /['\u2018\u2019\u02BC]/g;

function hasApostrophe(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (isApostrophe(raw.charCodeAt(i))) return true;
  return false;
}

/** "Japan's" is about Japan, "l'Europe" about Europe; "O'Brien" and "don't" are one word each. */
function dropApostrophes(raw: string): string {
  return withoutElision(raw).replace(POSSESSIVE_RE, '').replace(APOSTROPHES_RE, '');
}

/** The text and, when lower-casing kept every offset (nearly always), its lower-cased copy. */
interface Source {
  text: string;
  lower: string | undefined;
}

function fold(source: Source, start: number, end: number, edit: (raw: string) => string): string {
  // Lower-casing the whole text once saves a string per word.
  const { lower, text } = source;
  return lower === undefined
    ? foldWord(edit(text.slice(start, end)))
    : foldLowercase(edit(lower.slice(start, end)));
}

const withoutDots = (raw: string) => raw.replaceAll('.', '');
const withoutApostrophes = (raw: string) => (hasApostrophe(raw) ? dropApostrophes(raw) : raw);

/**
 * Receives the words of a text in order. Plain ASCII words (most of them) arrive as a range of the
 * lower-cased text so a caller that only looks words up never builds a string for them.
 */
export interface TokenSink {
  plain(lower: string, start: number, end: number): void;
  word(word: string, start: number, end: number): void;
}

export function scan(text: string, sink: TokenSink): void {
  const lower = text.toLowerCase();
  const source: Source = { text, lower: lower.length === text.length ? lower : undefined };
  let i = 0;
  while (i < text.length) {
    if (isWordChar(text, i)) i = readToken(source, i, sink);
    else i++;
  }
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { words: [], starts: [], ends: [] };
  const push = (word: string, start: number, end: number) => {
    tokens.words.push(word);
    tokens.starts.push(start);
    tokens.ends.push(end);
  };
  scan(text, { plain: (lower, start, end) => push(lower.slice(start, end), start, end), word: push });
  return tokens;
}

/** Reads the word starting at `start`, hands it to the sink and returns where it ends. */
function readToken(source: Source, start: number, sink: TokenSink): number {
  const { text, lower } = source;
  const first = text.charCodeAt(start);
  if (isDigit(first)) {
    const end = numberEnd(text, start);
    if (end >= 0) return readNumber(source, start, end, sink);
  } else if (lower !== undefined && isAsciiLetter(first)) {
    // Most words: ASCII letters and digits. A single letter followed by a dot may be "U.S.".
    const end = plainEnd(text, start);
    if (end >= 0 && !(end === start + 1 && text.charCodeAt(end) === 0x2e)) {
      sink.plain(lower, start, end);
      return end;
    }
  }
  if (isLetter(text, start)) {
    const end = abbreviationEnd(text, start);
    if (end >= 0) {
      sink.word(fold(source, start, end, withoutDots), start, end);
      return end;
    }
  }
  const end = wordEnd(text, start);
  if (hasUnspaced(text, start, end)) {
    visitSegments(text, start, end, (s, e) => sink.word(foldWord(text.slice(s, e)), s, e));
  } else {
    sink.word(fold(source, start, end, withoutApostrophes), start, end);
  }
  return end;
}

/** ASCII letters and digits up to a non-word character, or -1 when the word goes on past them. */
function plainEnd(text: string, start: number): number {
  let j = start;
  let c = text.charCodeAt(j);
  while (isAsciiLetter(c) || isDigit(c)) c = text.charCodeAt(++j);
  if (j >= text.length) return j;
  if (isApostrophe(c) && j + 1 < text.length && isWordChar(text, j + 1)) return -1;
  return c >= 128 && isWordChar(text, j) ? -1 : j;
}

const SEPARATORS_RE = /[,\u00A0\u202F\u2009]/g;
const PLAIN_NUMBER_RE = /^\d+(?:\.\d+)?$/;

function readNumber(source: Source, start: number, end: number, sink: TokenSink): number {
  const number = source.text.slice(start, end).replace(SEPARATORS_RE, '');
  // "5 percent" and "5 per cent" are written "5%" by other outlets: make them the same word.
  const percent = PLAIN_NUMBER_RE.test(number) ? percentWordsEnd(source.text, end) : -1;
  if (percent < 0) {
    sink.word(number, start, end);
    return end;
  }
  sink.word(`${number}%`, start, percent);
  return percent;
}

/** End of "percent", "pct" or "per cent" after a number, or -1. */
function percentWordsEnd(text: string, from: number): number {
  const [first, firstEnd] = nextWord(text, from);
  if (first === 'percent' || first === 'pct') return firstEnd;
  if (first !== 'per') return -1;
  const [second, secondEnd] = nextWord(text, firstEnd);
  return second === 'cent' ? secondEnd : -1;
}

/** The lower-cased word after whitespace at `from`, and its end. */
function nextWord(text: string, from: number): [string, number] {
  let j = from;
  while (j < text.length && /\s/.test(text[j] ?? '')) j++;
  if (j === from) return ['', j];
  const end = plainEnd(text, j);
  return end > j ? [text.slice(j, end).toLowerCase(), end] : ['', j];
}

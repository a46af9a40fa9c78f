/** Splits a topic query into operators, scopes, aliases, phrases and bare words. */

import { straightenQuotes } from '../text/fold.ts';
import type { Field } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';

export type Lexeme =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'case' | 'eof'; pos: number }
  | { type: 'near'; distance: number; ordered: boolean; pos: number }
  | { type: 'field'; field: Field; pos: number }
  | { type: 'alias'; name: string; pos: number }
  | { type: 'word'; text: string; pos: number }
  /** `slop` is the n of `"a b"~n`. */
  | { type: 'phrase'; text: string; slop?: number; pos: number };

/** Beyond this a NEAR is an AND; the cap also keeps title and text positions apart. */
export const MAX_NEAR_DISTANCE = 1000;
/** Shorter wildcard prefixes would match a large share of all words. */
export const MIN_PREFIX = 3;

/** What may follow @ in a query, and what an alias may be called. */
export const ALIAS_NAME_RE = /^[A-Za-z0-9][\w-]*$/;

const FIELD_RE = /(title|source|url|site|lang|case):/iy;
// Any other `name:x` is a scope newswatch does not have (country:jp, domain:x); "https://" is a
// URL, and a colon with nothing after it ("Breaking:") is punctuation.
const UNKNOWN_SCOPE_RE = /([A-Za-z][\w-]*):(?![\s)]|$|\/\/)/y;
const ALIAS_RE = /@([A-Za-z0-9][\w-]*)/y;
const BARE_RE = /[^\s()"]+/y;
const SLOP_RE = /~(\d*)/y;
// Google's proximity operator; read as words it would look for "around".
const AROUND_RE = /AROUND\(\d+\)/y;
// With a slash and a number NEAR cannot be an ordinary word, so it is read in any case.
const NEAR_RE = /^(O?)NEAR\/(\d+)$/i;
// Lucene and Talkwalker syntax newswatch does not read: fuzzy ~, boost ^, ranges [ ] { }.
const UNSUPPORTED_RE = /[~^[\]{}]/;
// A Map, not an object literal: a query word such as "constructor" must not find a prototype key.
const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([
  ['AND', 'and'],
  ['OR', 'or'],
  ['NOT', 'not'],
]);
/**
 * "fed or ecb" written in lower case may mean the operator or the word; guessing either way matches
 * different stories, so it is an error that asks for AND/OR/NOT or for the word in quotes.
 */
const OPERATOR_WORDS = new Set(['and', 'or', 'not']);

export function lex(query: string): Lexeme[] {
  const text = straightenQuotes(query);
  const out: Lexeme[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const lexeme = lexOne(text, i);
    out.push(lexeme.value);
    i = lexeme.next;
  }
  out.push({ type: 'eof', pos: text.length + 1 });
  return out;
}

function lexOne(text: string, i: number): { value: Lexeme; next: number } {
  const pos = i + 1;
  const ch = text[i];
  if (ch === '(') return { value: { type: 'lparen', pos }, next: i + 1 };
  if (ch === ')') return { value: { type: 'rparen', pos }, next: i + 1 };
  if (ch === '"') return lexPhrase(text, i, text.indexOf('"', i + 1), '"');
  if (ch === "'") return lexPhrase(text, i, singleQuoteClose(text, i), "'");
  if (ch === '-' && /[^\s\-)]/.test(text[i + 1] ?? ' ')) return { value: { type: 'not', pos }, next: i + 1 };
  if (ch === '@') return lexAlias(text, i);
  FIELD_RE.lastIndex = i;
  const field = FIELD_RE.exec(text);
  if (field) return lexField(text, i, (field[1] ?? '').toLowerCase());
  AROUND_RE.lastIndex = i;
  if (AROUND_RE.test(text)) throw new QuerySyntaxError(pos, 'NEAR/n, not AROUND(n)');
  UNKNOWN_SCOPE_RE.lastIndex = i;
  const unknown = UNKNOWN_SCOPE_RE.exec(text);
  if (unknown) {
    throw new QuerySyntaxError(
      pos,
      `a scope newswatch has (title:, source:, url:, site:, lang:, case:), not ${unknown[1]}:`,
    );
  }
  BARE_RE.lastIndex = i;
  const bare = BARE_RE.exec(text)?.[0] ?? '';
  return { value: classifyBare(bare, pos), next: i + bare.length };
}

/**
 * A single quote opens a phrase only at the start of a token, and closes it where no letter
 * follows: 'Britain's economy' is one phrase, and Japan's stays a word.
 */
function singleQuoteClose(text: string, open: number): number {
  for (let j = text.indexOf("'", open + 1); j >= 0; j = text.indexOf("'", j + 1)) {
    if (!/[\p{L}\p{N}]/u.test(text[j + 1] ?? ' ')) return j;
  }
  return -1;
}

function lexPhrase(text: string, i: number, close: number, quote: string): { value: Lexeme; next: number } {
  if (close < 0) throw new QuerySyntaxError(i + 1, `a closing ${quote} for the phrase opened here`);
  const phrase = { type: 'phrase', text: text.slice(i + 1, close), pos: i + 1 } as const;
  SLOP_RE.lastIndex = close + 1;
  const slop = SLOP_RE.exec(text);
  if (!slop) return { value: phrase, next: close + 1 };
  const distance = slop[1] ? Number(slop[1]) : Number.NaN;
  if (!(distance <= MAX_NEAR_DISTANCE)) {
    throw new QuerySyntaxError(
      close + 2,
      `a number of words after ~ of at most ${MAX_NEAR_DISTANCE}, as in "fed taper"~5`,
    );
  }
  return { value: { ...phrase, slop: distance }, next: close + 1 + slop[0].length };
}

function lexAlias(text: string, i: number): { value: Lexeme; next: number } {
  ALIAS_RE.lastIndex = i;
  const m = ALIAS_RE.exec(text);
  if (!m) throw new QuerySyntaxError(i + 1, 'an alias name after @');
  return { value: { type: 'alias', name: m[1] ?? '', pos: i + 1 }, next: i + m[0].length };
}

function lexField(text: string, i: number, name: string): { value: Lexeme; next: number } {
  const next = text.indexOf(':', i) + 1;
  if (/^[\s)]?$/.test(text[next] ?? '')) {
    throw new QuerySyntaxError(next + 1, `a word, phrase or group right after ${name}:`);
  }
  if (name === 'case') return { value: { type: 'case', pos: i + 1 }, next };
  // Google's site: operator is a URL scope.
  const field: Field = name === 'site' ? 'url' : (name as Field);
  return { value: { type: 'field', field, pos: i + 1 }, next };
}

function classifyBare(bare: string, pos: number): Lexeme {
  const operator = OPERATORS.get(bare);
  if (operator) return { type: operator, pos };
  if (OPERATOR_WORDS.has(bare.toLowerCase())) {
    throw new QuerySyntaxError(
      pos,
      `${bare.toUpperCase()} for the operator or "${bare}" in quotes for the word`,
    );
  }
  const near = NEAR_RE.exec(bare);
  if (near) {
    const distance = Number(near[2]);
    if (distance > MAX_NEAR_DISTANCE) {
      throw new QuerySyntaxError(pos, `a NEAR distance of at most ${MAX_NEAR_DISTANCE}`);
    }
    return { type: 'near', distance, ordered: (near[1] ?? '') !== '', pos };
  }
  if (/^O?NEAR(\/|$)/.test(bare))
    throw new QuerySyntaxError(pos, `a number of words after ${bare.split('/')[0]}/, as in NEAR/5`);
  const unsupported = UNSUPPORTED_RE.exec(bare);
  if (unsupported) {
    throw new QuerySyntaxError(
      pos + unsupported.index,
      `words, phrases and operators newswatch reads, not ${unsupported[0]} (fuzzy ~, boost ^ and ranges are not supported)`,
    );
  }
  return { type: 'word', text: bare, pos };
}

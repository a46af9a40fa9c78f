/** Splits a topic query into operators, scopes, aliases, phrases and bare words. */
import type { Field } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';
import { straightenQuotes } from './fold.ts';

export type Lexeme =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof'; pos: number }
  | { type: 'near'; distance: number; ordered: boolean; pos: number }
  | { type: 'field'; field: Field; pos: number }
  | { type: 'alias'; name: string; pos: number }
  | { type: 'phrase' | 'word'; text: string; pos: number };

/** Beyond this a NEAR is an AND; the cap also keeps title and text positions apart. */
export const MAX_NEAR_DISTANCE = 1000;
/** Shorter wildcard prefixes would match a large share of all words. */
export const MIN_PREFIX = 3;

/** What may follow @ in a query, and what an alias may be called. */
export const ALIAS_NAME_RE = /^[A-Za-z0-9][\w-]*$/;

const FIELD_RE = /(title|source|url|site):/iy;
const ALIAS_RE = /@([A-Za-z0-9][\w-]*)/y;
const BARE_RE = /[^\s()"]+/y;
const NEAR_RE = /^(O?)NEAR\/(\d+)$/;
// A Map, not an object literal: a query word such as "constructor" must not find a prototype key.
const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([
  ['AND', 'and'],
  ['OR', 'or'],
  ['NOT', 'not'],
]);

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
  if (ch === '"') return lexPhrase(text, i);
  if (ch === '-' && /[^\s\-)]/.test(text[i + 1] ?? ' ')) return { value: { type: 'not', pos }, next: i + 1 };
  if (ch === '@') return lexAlias(text, i);
  FIELD_RE.lastIndex = i;
  const field = FIELD_RE.exec(text);
  if (field) return lexField(text, i, (field[1] ?? '').toLowerCase());
  BARE_RE.lastIndex = i;
  const bare = BARE_RE.exec(text)?.[0] ?? '';
  return { value: classifyBare(bare, pos), next: i + bare.length };
}

function lexPhrase(text: string, i: number): { value: Lexeme; next: number } {
  const close = text.indexOf('"', i + 1);
  if (close < 0) throw new QuerySyntaxError(i + 1, 'a closing " for the phrase opened here');
  return { value: { type: 'phrase', text: text.slice(i + 1, close), pos: i + 1 }, next: close + 1 };
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
  // Google's site: operator is a URL scope.
  const field: Field = name === 'site' ? 'url' : (name as Field);
  return { value: { type: 'field', field, pos: i + 1 }, next };
}

function classifyBare(bare: string, pos: number): Lexeme {
  const operator = OPERATORS.get(bare);
  if (operator) return { type: operator, pos };
  const near = NEAR_RE.exec(bare);
  if (near) {
    const distance = Number(near[2]);
    if (distance > MAX_NEAR_DISTANCE) {
      throw new QuerySyntaxError(pos, `a NEAR distance of at most ${MAX_NEAR_DISTANCE}`);
    }
    return { type: 'near', distance, ordered: near[1] === 'O', pos };
  }
  if (/^O?NEAR(\/|$)/.test(bare))
    throw new QuerySyntaxError(pos, `a number of words after ${bare.split('/')[0]}/, as in NEAR/5`);
  return { type: 'word', text: bare, pos };
}

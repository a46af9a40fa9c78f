/**
 * Splits text into the words queries are matched against, keeping each word's character range
 * so a hit can be shown in a snippet of the original text.
 */
import { foldWord } from './fold.ts';

export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

const APOS = "['\u2018\u2019\u02BC]";
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';
const TOKEN_RE = new RegExp(
  [
    // Dotted abbreviations (U.S., U.K., e.g.) are one word without their dots.
    `(?<abbr>\\p{L}\\p{M}*(?:\\.\\p{L}\\p{M}*)+\\.?(?!${WORD_CHAR}))`,
    // Numbers: thousands separators dropped later, decimals kept, "2+2" and "3.5%" whole.
    `(?<num>(?:\\d{1,3}(?:[,\u00A0\u202F\u2009]\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\+\\d+(?:\\.\\d+)?)*%?(?!${WORD_CHAR}))`,
    `(?<word>${WORD_CHAR}+(?:${APOS}${WORD_CHAR}+)*)`,
  ].join('|'),
  'gu',
);
const THOUSANDS_RE = /[,\u00A0\u202F\u2009]/g;
const POSSESSIVE_RE = new RegExp(`${APOS}s$`, 'u');
const APOS_RE = new RegExp(APOS, 'gu');
const PERCENT_WORDS = new Set(['percent', 'pct']);

function normalise(groups: Record<string, string | undefined>, raw: string): string {
  if (groups.abbr !== undefined) return foldWord(raw.replaceAll('.', ''));
  if (groups.num !== undefined) return raw.replace(THOUSANDS_RE, '');
  // "Japan's" is about Japan; "O'Brien" and "don't" are one word each.
  return foldWord(raw.replace(POSSESSIVE_RE, '').replace(APOS_RE, ''));
}

export function tokenize(text: string): Tokens {
  const tokens: Tokens = { words: [], starts: [], ends: [] };
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    tokens.words.push(normalise(m.groups ?? {}, raw));
    tokens.starts.push(start);
    tokens.ends.push(start + raw.length);
  }
  mergePercentWords(tokens);
  return tokens;
}

const PLAIN_NUMBER_RE = /^\d+(?:\.\d+)?$/;

/** "5 percent" and "5 per cent" are written "5%" by other outlets: make them the same word. */
function mergePercentWords(t: Tokens): void {
  for (let i = 0; i < t.words.length - 1; i++) {
    const word = t.words[i] ?? '';
    if (!PLAIN_NUMBER_RE.test(word)) continue;
    const next = t.words[i + 1] ?? '';
    const span = PERCENT_WORDS.has(next) ? 1 : next === 'per' && t.words[i + 2] === 'cent' ? 2 : 0;
    if (span === 0) continue;
    t.words.splice(i, span + 1, `${word}%`);
    const end = t.ends[i + span] ?? 0;
    t.starts.splice(i + 1, span);
    t.ends.splice(i, span + 1, end);
  }
}

/**
 * Text clean-up and tokenising for clustering. Everything here is deterministic and local to one
 * document: what is learned across documents (document frequencies) lives in the index.
 */
import { STOPWORDS } from './stopwords.ts';

/**
 * Lines that open a block of site furniture (sidebars, comment threads, sign-ups). Scraped pages
 * put them after the article, so everything from the first one on is dropped, but only once
 * enough prose precedes it: a "4 Comments" counter above the article must not cut the article.
 */
const FURNITURE_START =
  /^(related (articles|stories|posts|news|content|coverage)|more (from|on|stories|news)|read (more|next|also)|recommended( for you| stories)?|you (may|might) (also )?like|most (read|popular|viewed)|trending( now)?|comments?|\d+ comments?|no comments yet.*|login to comment|leave a (comment|reply)|share your thoughts.*|sign up.*|newsletter.*|subscribe.*|advertisement|download the app|frequently asked questions.*|hashtags|tags?:.*|see also)\s*:?$/i;

/** Words of prose needed before a furniture line is trusted to mark the end of the article. */
const MIN_PROSE_WORDS_BEFORE_CUT = 120;

/** Shorter lines without sentence punctuation are menus, bylines, captions of buttons. */
const MIN_LINE_WORDS = 6;

function wordCount(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

function isProse(line: string): boolean {
  const words = wordCount(line);
  return words >= MIN_LINE_WORDS || (words >= 3 && /[.!?'"”’]$/.test(line));
}

/** Drops site furniture a scraper leaves around the article: menus, sidebars, comment threads. */
export function cleanText(text: string): string {
  const kept: string[] = [];
  let proseWords = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (proseWords >= MIN_PROSE_WORDS_BEFORE_CUT && FURNITURE_START.test(line)) break;
    if (!isProse(line)) continue;
    kept.push(line);
    proseWords += wordCount(line);
  }
  return kept.join('\n');
}

/** Curly quotes and dashes to ASCII so quotations and tokens compare across outlets. */
export function normalizePunctuation(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
}

/** British spellings that differ from American ones in more than a suffix rule can catch. */
const SPELLING: Record<string, string> = {
  defence: 'defense',
  offence: 'offense',
  licence: 'license',
  pretence: 'pretense',
  centre: 'center',
  theatre: 'theater',
  metre: 'meter',
  litre: 'liter',
  fibre: 'fiber',
  colour: 'color',
  favour: 'favor',
  honour: 'honor',
  labour: 'labor',
  neighbour: 'neighbor',
  behaviour: 'behavior',
  harbour: 'harbor',
  rumour: 'rumor',
  humour: 'humor',
  flavour: 'flavor',
  armour: 'armor',
  programme: 'program',
  tonne: 'ton',
  jewellery: 'jewelry',
  cheque: 'check',
  tyre: 'tire',
  aluminium: 'aluminum',
};

/**
 * A light suffix stemmer (plural, -ed, -ing) plus British/American suffix folding. Applied to
 * every document alike, so an odd stem ("surprize") is harmless: only equality matters.
 */
export function stem(word: string): string {
  let w = SPELLING[word] ?? word;
  if (w.length <= 3) return w;
  w = w.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1').replace(/ys(e|es|ed|ing)$/, 'yz$1');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export interface Token {
  /** Lower-cased, stemmed form. */
  term: string;
  /** Written with a capital (or all capitals) not at the start of a sentence: a name. */
  proper: boolean;
}

const WORD = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;

/** Content words of a text, stopwords dropped, with a flag for names. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const lower = raw.toLowerCase().replace(/'s$/, '');
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    const term = stem(lower.replace(/'/g, ''));
    if (STOPWORDS.has(term)) continue;
    tokens.push({ term, proper: isProperAt(text, match.index, raw) });
  }
  return tokens;
}

function isProperAt(text: string, index: number, raw: string): boolean {
  const first = raw.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  const before = text.slice(Math.max(0, index - 3), index);
  return !/(^|[.!?:"]\s*|\n\s*)$/.test(before) || /^[A-Z]{2,}$/.test(raw);
}

/** True when most words of a line start with a capital: title case hides which words are names. */
export function isTitleCase(line: string): boolean {
  const words = line.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  const long = words.filter((w) => w.length > 3);
  if (long.length < 3) return false;
  const capitalised = long.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised / long.length > 0.6;
}

/**
 * Text clean-up and tokenising for clustering. Everything here is deterministic and local to one
 * document: what is learned across documents (document frequencies) lives in the index.
 */
import { withoutElision } from '../../text/fold.ts';
import { type LanguageProfile, languageProfile, UNSPACED_STOPWORDS } from '../../text/languages.ts';
import { hasUnspaced, isHangul, visitSegments } from '../../text/segment.ts';
import { fnv1a } from './hash.ts';
import { STOPWORDS } from './stopwords.ts';
import { FNV_OFFSET, foldInto, TermCache } from './term-cache.ts';

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
  // A line of Japanese or Chinese has no spaces to count: its words are the segmenter's.
  if (hasUnspaced(line, 0, line.length)) {
    let segments = 0;
    visitSegments(line, 0, line.length, () => segments++);
    return segments;
  }
  let words = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = line.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Drops site furniture a scraper leaves around the article: menus, sidebars, comment threads. */
export function cleanText(text: string, maxWords = Number.POSITIVE_INFINITY): string {
  const kept: string[] = [];
  let proseWords = 0;
  // Line by line rather than split('\n'): the lead ends long before a scraped page does.
  for (let from = 0; from <= text.length && proseWords < maxWords; ) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline;
    const line = text.slice(from, to).trim();
    from = to + 1;
    if (line === '') continue;
    if (proseWords >= MIN_PROSE_WORDS_BEFORE_CUT && FURNITURE_START.test(line)) break;
    const words = wordCount(line);
    if (words < MIN_LINE_WORDS && !(words >= 3 && /[.!?'"”’。！？」』]$/.test(line))) continue;
    kept.push(line);
    proseWords += words;
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
const SPELLING = new Map<string, string>(
  Object.entries({
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
  }),
);

/**
 * A light suffix stemmer (plural, -ed, -ing) plus British/American suffix folding. Applied to
 * every document alike, so an odd stem ("surprize") is harmless: only equality matters.
 */
export function stem(word: string): string {
  // A Map, not an object: "constructor" must not find Object.prototype's.
  let w = SPELLING.get(word) ?? word;
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

/**
 * A content word: one object per stem, whatever the spelling, so that every document shares its
 * strings and hash, and a document's bag of words can count it on the term itself.
 */
export interface Term {
  /** Lower-cased, stemmed form. */
  term: string;
  /** The term as a feature key ('w:' + term). */
  key: string;
  /** fnv1a of the term, for MinHash shingles. */
  hash: number;
  /** The bag (features.ts) that last counted the term, and where it counts it. */
  bag: number;
  slot: number;
}

type Visit = (term: Term, proper: boolean, start: number, end: number) => void;

/**
 * Content words of a text, stopwords dropped, each visited with a flag for names: written with a
 * capital (or all capitals) not at the start of a sentence. A visitor rather than an array of
 * tokens: fingerprinting reads some 350 words per article, and a token object each was garbage.
 * Letters are those of any alphabet ("Präsident", "Łódź", "Киев"). Runs of a script written
 * without spaces (Chinese, Japanese, Thai) are split into words by the shared segmenter; Korean
 * words, which carry their particles, are read as overlapping pairs of syllables. `lang` (ISO
 * 639-1) picks the stopwords and stemmer of other languages; English is the default.
 */
export function scan(text: string, visit: Visit, lang?: string): void {
  const reader = readerFor(lang);
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // One pass finds the word's end and hashes it for the cache: re-reading each word for its
    // hash and its alphabet was a fifth of scanning.
    const start = i;
    let end = i + 1;
    let hash = FNV_OFFSET;
    let hashToEnd = hash;
    let ascii = true;
    // Apostrophes and hyphens join letters ("Japan's", "one-sided") but never end a word.
    for (let j = i; j < n; j++) {
      const c = text.charCodeAt(j);
      const letter = isLetter(c);
      if (!letter && !isJoiner(c)) break;
      hash = foldInto(hash, c);
      if (letter) {
        end = j + 1;
        hashToEnd = hash;
        if (c >= 128) ascii = false;
      }
    }
    if (ascii) {
      const entry = asciiTermAt(reader, text, start, end, hashToEnd);
      if (entry) visit(entry, isProperAt(text, start, end), start, end);
    } else {
      visitWord(reader, text, start, end, visit);
    }
    i = end;
  }
}

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return NON_ASCII_LETTER.test(String.fromCharCode(c));
}

function isJoiner(c: number): boolean {
  return c === 39 || c === 45;
}

/**
 * Stems repeat across documents (the vocabulary of news is finite), so they are memoised; a
 * cache is dropped when full rather than grown without bound.
 */
const MAX_CACHED = 200_000;
const BY_STEM = new Map<string, Term>();
const STEMS = new Map<string, string>();

/** How one language's words become terms, with its own cache: a spelling's term depends on it. */
interface Reader {
  /** Term by spelling; null for a stopword. */
  terms: TermCache<Term | null>;
  termOf(spelling: string): Term | null;
}

const ENGLISH: Reader = { terms: new TermCache<Term | null>(), termOf };
const READERS = new Map<string, Reader>([['en', ENGLISH]]);

function readerFor(lang: string | undefined): Reader {
  if (lang === undefined) return ENGLISH;
  let reader = READERS.get(lang);
  if (reader === undefined) {
    const profile = languageProfile(lang);
    reader = { terms: new TermCache<Term | null>(), termOf: (spelling) => profileTermOf(profile, spelling) };
    READERS.set(lang, reader);
  }
  return reader;
}

/**
 * Drops the term caches when full. Called between documents, never within one: a bag counts a
 * term on the term object, so a stem must stay one object for the whole document.
 */
export function boundTermCaches(): void {
  let full = BY_STEM.size >= MAX_CACHED;
  for (const reader of READERS.values()) full ||= reader.terms.size >= MAX_CACHED;
  if (!full) return;
  for (const reader of READERS.values()) reader.terms.clear();
  BY_STEM.clear();
}

/** The term of an ASCII word, through the cache (which folds case the ASCII way). */
function asciiTermAt(
  reader: Reader,
  text: string,
  start: number,
  end: number,
  hash: number,
): Term | undefined {
  const cached = reader.terms.get(text, start, end, hash);
  if (cached !== undefined) return cached ?? undefined;
  const spelling = text.slice(start, end).toLowerCase();
  const entry = reader.termOf(spelling);
  reader.terms.set(hash, spelling, entry);
  return entry ?? undefined;
}

/** A word with letters beyond ASCII: one term, or the words or syllable pairs it is made of. */
function visitWord(reader: Reader, text: string, start: number, end: number, visit: Visit): void {
  if (hasUnspaced(text, start, end)) {
    visitSegments(text, start, end, (s, e) => {
      const entry = segmentTerm(text.slice(s, e).toLowerCase());
      if (entry) visit(entry, false, s, e);
    });
    return;
  }
  const spelling = text.slice(start, end).toLowerCase();
  if (isHangul(spelling)) {
    visitSyllablePairs(spelling, start, visit);
    return;
  }
  const entry = reader.termOf(spelling);
  if (entry) visit(entry, isProperAt(text, start, end), start, end);
}

const HAN = /\p{Script=Han}/u;

/** A segment of unspaced text: single kana and Thai letters are particles or noise, a single Han character is a word. */
function segmentTerm(word: string): Term | null {
  if (UNSPACED_STOPWORDS.has(word) || (word.length < 2 && !HAN.test(word))) return null;
  return interned(word);
}

const KOREAN = languageProfile('ko');

/**
 * 국무장관은 and 국무장관이 are one word with two particles: their pairs 국무, 무장, 장관 meet, as
 * Lucene's CJK analyser pairs them, where a Korean stemmer would need a dictionary.
 */
function visitSyllablePairs(word: string, start: number, visit: Visit): void {
  if (KOREAN.stopwords.has(word)) return;
  if (word.length <= 2) {
    visit(interned(word), false, start, start + word.length);
    return;
  }
  for (let i = 0; i + 2 <= word.length; i++)
    visit(interned(word.slice(i, i + 2)), false, start + i, start + i + 2);
}

/** What follows the apostrophe of a contraction ("isn't", "you'll", "I'm", "we've", "they'd"). */
const CONTRACTION_TAILS = new Set(['t', 'll', 've', 're', 'd', 'm']);

function termOf(spelling: string): Term | null {
  const lower = withoutElision(spelling.replace(/'s$/, ''));
  if (lower.length < 2 || STOPWORDS.has(lower) || isFunctionContraction(lower)) return null;
  const term = stemCached(lower.replace(/'/g, ''));
  return STOPWORDS.has(term) ? null : interned(term);
}

/** A word of a language with a profile: its stopwords, elisions and stemmer. */
function profileTermOf(profile: LanguageProfile, spelling: string): Term | null {
  const lower = withoutElision(spelling);
  if (lower.length < 2 || profile.stopwords.has(lower)) return null;
  const term = profile.stem(lower.replace(/'/g, ''));
  return term.length < 2 || profile.stopwords.has(term) ? null : interned(term);
}

function interned(term: string): Term {
  let entry = BY_STEM.get(term);
  if (entry === undefined) {
    entry = { term, key: `w:${term}`, hash: fnv1a(term), bag: 0, slot: 0 };
    BY_STEM.set(term, entry);
  }
  return entry;
}

/**
 * A function word contracted ("you'll", "isn't"): without this, "youl" and "isnt" became content
 * words, and two pieces written in the first person shared "im" as if it were a name.
 */
function isFunctionContraction(word: string): boolean {
  const apostrophe = word.indexOf("'");
  if (apostrophe < 0) return false;
  return CONTRACTION_TAILS.has(word.slice(apostrophe + 1)) && STOPWORDS.has(word.slice(0, apostrophe));
}

/** `stem`, memoised. */
export function stemCached(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    if (STEMS.size >= MAX_CACHED) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '\n']);

/** Capitalised (or an acronym) and not the first word of a sentence, line or quotation. */
function isProperAt(text: string, start: number, end: number): boolean {
  if (!isUpperCase(text.charCodeAt(start))) return false;
  if (end - start >= 2 && !hasLowerCase(text, start, end)) return true;
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && !SENTENCE_END.has(text[i] ?? '');
}

function hasLowerCase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 128 && !isUpperCase(c) && isLetter(c))) return true;
  }
  return false;
}

function isUpperCase(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/** True when most words of a line start with a capital: title case hides which words are names. */
export function isTitleCase(line: string): boolean {
  const words = line.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
  const long = words.filter((w) => w.length > 3);
  if (long.length < 3) return false;
  const capitalised = long.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised / long.length > 0.6;
}

/**
 * The kinds of evidence a report carries about its event, read from its text as term counts. Each
 * kind becomes its own similarity for the same-event model: two look-alike events (two
 * earthquakes, two title defences) share most of their words but not their names, figures,
 * dates and quotations, so one mixed vector cannot keep them apart while the kinds can.
 */

import { NAME_RUN, numbers, quotations } from './features.ts';
import { fnv1a } from './hash.ts';
import { boundTermCaches, cleanText, isTitleCase, normalizePunctuation, scan, stemCached } from './text.ts';

/** The kinds, in the order every per-kind array of the engine uses. */
export const KINDS = ['body', 'title', 'names', 'figures', 'dates', 'quotes'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_COUNT = KINDS.length;

/** Term id (32-bit hash of kind and term) to count in one document. */
export type Counts = Map<number, number>;

export interface Evidence {
  /** One count map per kind, in KINDS order. */
  kinds: Counts[];
  /**
   * With `{ written: true }`: each term id of each kind with the text as written, what `explain`
   * shows a reader ("Kuala Lumpur", "$480m", "Tuesday") for the ids two reports share.
   */
  written?: Map<number, string>[];
}

const WEEKDAY = /\b(mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;
const YEAR = /(?<![\d.,$£€])(1[89]\d\d|20\d\d)(?![\d%])/g;
const MONTH_DAY = /^[a-z]{3}-\d+$/;
/** Quotation shingles read per document: a long interview quoted at length says no more. */
const MAX_QUOTE_SHINGLES = 32;

const KIND_SEED = KINDS.map((k) => fnv1a(`${k}:`));
const LANGUAGE_SEEDS = new Map<string, number[]>();

/**
 * Each kind's seed for a language other than English. A report and its translation share names
 * and figures but are two stories until translation joins them (docs/story-engine.md): with
 * their own seeds, no term of one language meets a term of another, and English ids stay the
 * ones the model was fitted with.
 */
function seedsOf(lang: string | undefined): number[] {
  if (lang === undefined || lang === 'en') return KIND_SEED;
  let seeds = LANGUAGE_SEEDS.get(lang);
  if (seeds === undefined) {
    seeds = KINDS.map((k) => fnv1a(`${k}:${lang}:`));
    LANGUAGE_SEEDS.set(lang, seeds);
  }
  return seeds;
}

/** A term's id within its kind: ids of different kinds never meet, so one table can count them all. */
export function termId(kind: number, term: string): number {
  return fnv1a(term, KIND_SEED[kind]);
}

/**
 * Counts every term of every kind. The written forms are read in the same pass when asked: a
 * second read of an 800-word text cost a fifth of an assignment (bench/stage.ts profile).
 */
export function readEvidence(
  title: string,
  rawText: string,
  { written = false, lang }: { written?: boolean; lang?: string | undefined } = {},
): Evidence {
  const kinds: Counts[] = KINDS.map(() => new Map());
  const forms = written ? KINDS.map(() => new Map<number, string>()) : undefined;
  const seeds = seedsOf(lang);
  visitEvidence(
    title,
    rawText,
    lang,
    (kind, term, form) => {
      const id = fnv1a(term, seeds[kind]);
      const counts = kinds[kind] as Counts;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const seen = forms?.[kind];
      if (seen && !seen.has(id)) seen.set(id, form);
    },
    written,
  );
  return forms ? { kinds, written: forms } : { kinds };
}

/** A term of a kind; readEvidence makes its id with the language's seed. */
type Visit = (kind: number, term: string, written: string) => void;

/** `written` is '' unless `withWritten`: counting needs no copy of each word. */
function visitEvidence(
  title: string,
  rawText: string,
  lang: string | undefined,
  visit: Visit,
  withWritten: boolean,
): void {
  const head = normalizePunctuation(title.trim());
  const body = normalizePunctuation(cleanText(rawText));
  boundTermCaches();
  const titleCased = isTitleCase(head);
  scan(
    head,
    (t, proper, start, end) => {
      const written = withWritten ? asWritten(head, start, end) : '';
      visit(1, t.term, written);
      if (proper && !titleCased) visit(2, t.term, written);
    },
    lang,
  );
  scan(
    body,
    (t, proper, start, end) => {
      const written = withWritten ? asWritten(body, start, end) : '';
      visit(0, t.term, written);
      if (proper) visit(2, t.term, written);
    },
    lang,
  );
  const all = titleCased ? body : `${head}\n${body}`;
  for (const run of all.matchAll(NAME_RUN)) visit(2, nameKey(run[0]), run[0]);
  visitFigures(`${head}\n${body}`, visit);
  for (const q of quotations(body, MAX_QUOTE_SHINGLES)) for (const s of q.shingles) visit(5, s, q.text);
}

/** A word as the text writes it, less a possessive: a reader sees "Harbourview", not "Harbourview's". */
function asWritten(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/'s$/, '');
}

/** A multi-word name as one term: "Kuala Lumpur" and "kuala lumpur's" meet, "Lumpur" alone does not. */
export function nameKey(written: string): string {
  return written
    .split(/\s+/)
    .map((w) => stemCached(w.replace(/'s$/, '').toLowerCase()))
    .join(' ');
}

/** Figures (amounts, counts, scores) and date mentions (weekdays, days of a month, years). */
function visitFigures(text: string, visit: Visit): void {
  for (const m of text.matchAll(WEEKDAY)) visit(4, (m[1] ?? '').toLowerCase(), m[0]);
  for (const m of text.matchAll(YEAR)) visit(4, m[1] ?? '', m[0]);
  for (const n of numbers(text)) {
    if (MONTH_DAY.test(n)) visit(4, n, n);
    else if (!/^(1[89]|20)\d\d$/.test(n)) visit(3, n, n);
  }
}

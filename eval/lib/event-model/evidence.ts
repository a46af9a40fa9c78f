/**
 * The kinds of evidence a report carries about its event, read from its text as term counts. Each
 * kind becomes its own similarity for the same-event model: two look-alike events (two
 * earthquakes, two title defences) share most of their words but not their names, figures,
 * dates and quotations, so one mixed vector cannot keep them apart while the kinds can.
 */

import {
  MIN_MINHASH_SHINGLES,
  NAME_RUN,
  numbers,
  quotations,
} from '../../../lambdas/core/clustering/fingerprint/features.ts';
import { fnv1a } from '../../../lambdas/core/clustering/fingerprint/hash.ts';
import { minhash } from '../../../lambdas/core/clustering/fingerprint/minhash.ts';
import {
  boundTermCaches,
  cleanText,
  isTitleCase,
  normalizePunctuation,
  scan,
  stemCached,
} from '../../../lambdas/core/clustering/fingerprint/text.ts';

/** The kinds, in the order every per-kind array of the engine uses. */
export const KINDS = ['body', 'title', 'names', 'figures', 'dates', 'quotes'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_COUNT = KINDS.length;

/** Term id (32-bit hash of kind and term) to count in one document. */
export type Counts = Map<number, number>;

export interface Evidence {
  /** One count map per kind, in KINDS order. */
  kinds: Counts[];
  /** MinHash of the body's 4-word shingles; absent for short texts. */
  minhash?: Uint32Array;
}

const WEEKDAY = /\b(mon|tues|wednes|thurs|fri|satur|sun)day\b/gi;
const YEAR = /(?<![\d.,$£€])(1[89]\d\d|20\d\d)(?![\d%])/g;
const MONTH_DAY = /^[a-z]{3}-\d+$/;
/** Quotation shingles read per document: a long interview quoted at length says no more. */
const MAX_QUOTE_SHINGLES = 32;

const KIND_SEED = KINDS.map((k) => fnv1a(`${k}:`));

/** A term's id within its kind: ids of different kinds never meet, so one table can count them all. */
export function termId(kind: number, term: string): number {
  return fnv1a(term, KIND_SEED[kind]);
}

export function readEvidence(title: string, rawText: string): Evidence {
  const head = normalizePunctuation(title.trim());
  const body = normalizePunctuation(cleanText(rawText));
  boundTermCaches();
  const kinds: Counts[] = KINDS.map(() => new Map());
  const [bodyKind, titleKind, names] = kinds as [Counts, Counts, Counts];
  const titleCased = isTitleCase(head);
  scan(head, (t, proper) => {
    add(titleKind, termId(1, t.term));
    if (proper && !titleCased) add(names, termId(2, t.term));
  });
  const hashes: number[] = [];
  scan(body, (t, proper) => {
    hashes.push(t.hash);
    add(bodyKind, termId(0, t.term));
    if (proper) add(names, termId(2, t.term));
  });
  const all = titleCased ? body : `${head}\n${body}`;
  for (const run of all.matchAll(NAME_RUN)) add(names, termId(2, nameKey(run[0])));
  readFigures(`${head}\n${body}`, kinds);
  for (const q of quotations(body, MAX_QUOTE_SHINGLES))
    for (const s of q.shingles) add(kinds[5] as Counts, termId(5, s));
  const signature = minhash(hashes, MIN_MINHASH_SHINGLES);
  return { kinds, ...(signature ? { minhash: Uint32Array.from(signature) } : {}) };
}

/** A multi-word name as one term: "Kuala Lumpur" and "kuala lumpur's" meet, "Lumpur" alone does not. */
export function nameKey(written: string): string {
  return written
    .split(/\s+/)
    .map((w) => stemCached(w.replace(/'s$/, '').toLowerCase()))
    .join(' ');
}

/** Figures (amounts, counts, scores) and date mentions (weekdays, days of a month, years). */
function readFigures(text: string, kinds: Counts[]): void {
  const [figures, dates] = [kinds[3] as Counts, kinds[4] as Counts];
  for (const m of text.matchAll(WEEKDAY)) add(dates, termId(4, (m[1] ?? '').toLowerCase()));
  for (const m of text.matchAll(YEAR)) add(dates, termId(4, m[1] ?? ''));
  for (const n of numbers(text)) {
    if (MONTH_DAY.test(n)) add(dates, termId(4, n));
    else if (!/^(1[89]|20)\d\d$/.test(n)) add(figures, termId(3, n));
  }
}

function add(counts: Counts, id: number): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

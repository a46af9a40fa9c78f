/**
 * Stories in other languages that report the same event, found without translation: stories
 * split by language (docs/story-engine.md) can still be told apart from one another by what no
 * language changes, the figures and the names written in Latin letters ("NATO", "G7", "Toyota").
 * Two stories are linked when they opened within a day of each other, in different languages, and
 * their headlines share two figures, or a figure and a name. A name alone links nothing (NATO is
 * in the news every day), nor does one figure alone ("12" is as often a date as a death toll).
 * The rule was chosen on the composed fixtures of test/unit/stories/also-reported.test.ts; no
 * dev set holds reports of one event in two languages, so it has no measured precision.
 */
import { tokenize } from '../text/tokenize.ts';

export interface Reported {
  id: string;
  headline: string;
  firstSeen: string;
  lang?: string | undefined;
}

/** How far apart two stories may have opened. */
export const ALSO_REPORTED_WINDOW_MS = 24 * 60 * 60 * 1000;
// Digits with decimals or thousands groups; NFKC first makes full-width digits ASCII.
const FIGURE_RE = /\d+(?:[.,]\d+)*/g;
const THOUSANDS_RE = /,(?=\d{3}(?!\d))/g;
const YEAR_RE = /^(?:19|20)\d\d$/;
const LATIN_NAME_RE = /^[a-z][a-z0-9]*$/;

/**
 * The headline's figures, as values: "1,200" is 1200 and the German "4,5" is 4.5. Years and
 * one-digit whole numbers are left out: they recur in unrelated headlines.
 */
function figures(headline: string): Set<string> {
  const found = new Set<string>();
  for (const [raw] of headline.normalize('NFKC').matchAll(FIGURE_RE)) {
    const value = String(Number(raw.replace(THOUSANDS_RE, '').replace(',', '.')));
    if (!YEAR_RE.test(value) && !/^\d$/.test(value)) found.add(value);
  }
  return found;
}

/** Capitalised words in Latin letters ("NATO", "Toyota", "G7"), folded. */
function latinNames(headline: string): Set<string> {
  const { words, starts } = tokenize(headline);
  const names = new Set<string>();
  words.forEach((word, i) => {
    const first = headline[starts[i] ?? 0] ?? '';
    if (LATIN_NAME_RE.test(word) && first !== first.toLowerCase()) names.add(word);
  });
  return names;
}

function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const value of a) if (b.has(value)) count++;
  return count;
}

/** The rule above, for two stories whose languages are known and differ. */
export function sameEvent(a: Reported, b: Reported): boolean {
  if (!a.lang || !b.lang || a.lang === b.lang) return false;
  if (Math.abs(Date.parse(a.firstSeen) - Date.parse(b.firstSeen)) > ALSO_REPORTED_WINDOW_MS) return false;
  const figuresShared = shared(figures(a.headline), figures(b.headline));
  if (figuresShared === 0) return false;
  return figuresShared >= 2 || shared(latinNames(a.headline), latinNames(b.headline)) >= 1;
}

/** The candidates that report the story's event in another language, in the order given. */
export function alsoReported<T extends Reported>(story: Reported, candidates: readonly T[]): T[] {
  return candidates.filter((other) => other.id !== story.id && sameEvent(story, other));
}

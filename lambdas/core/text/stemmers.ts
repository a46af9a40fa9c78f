/**
 * The Snowball stemmer of each language that has one here, from @orama/stemmers 3.1 (Apache-2.0;
 * one module per language, so a function bundles only these). Apart from the stopwords
 * (languages.ts) so that topic matching and highlighting, which stem but drop no words, do not
 * bundle the lists. Minified as lib/bundling.ts sets it, the stemmers took the query function's
 * bundle from 120 to 199 kB and the alerter's from 74 to 151 kB (254 and 206 kB with the lists).
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';

export type Stem = (word: string) => string;

/** ISO 639-1 code → stemmer: the languages with the most news, within the stage's bundle budget. */
const STEMMERS: Readonly<Record<string, Stem>> = {
  ar: arabic,
  de: german,
  es: spanish,
  fr: french,
  it: italian,
  nl: dutch,
  pt: portuguese,
  ru: russian,
  sv: swedish,
};

/** Codes of the languages with a stemmer: their words match topic words by stem. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(STEMMERS);

/** Stems repeat across documents; a full cache is dropped rather than grown without bound. */
const MAX_CACHED_STEMS = 100_000;

function cached(stem: Stem): Stem {
  const cache = new Map<string, string>();
  return (word) => {
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = stem(word).toLowerCase();
      if (cache.size >= MAX_CACHED_STEMS) cache.clear();
      cache.set(word, stemmed);
    }
    return stemmed;
  };
}

const stemmers = new Map<string, Stem>();

/** The language's stemmer, for lower-cased words, memoised; undefined where none is known. */
export function stemmerOf(code: string): Stem | undefined {
  const stem = Object.hasOwn(STEMMERS, code) ? STEMMERS[code] : undefined;
  if (stem === undefined) return undefined;
  let memoised = stemmers.get(code);
  if (memoised === undefined) {
    memoised = cached(stem);
    stemmers.set(code, memoised);
  }
  return memoised;
}

/**
 * Stopwords and stemming for each language, from packages rather than lists typed here:
 * @orama/stopwords 3.1 (Apache-2.0; the Snowball project's stopword lists, one module per
 * language, so a function bundles only the languages below), stemmers.ts's stemmers, and
 * for Korean and Thai, which those lack, stopwords-iso (MIT) through stopwords-extra.ts. English
 * keeps the clustering's own light stemmer and list (clustering/fingerprint), which its fitted
 * model and figures were made with.
 */
import { stopwords as arStop } from '@orama/stopwords/arabic';
import { stopwords as nlStop } from '@orama/stopwords/dutch';
import { stopwords as frStop } from '@orama/stopwords/french';
import { stopwords as deStop } from '@orama/stopwords/german';
import { stopwords as itStop } from '@orama/stopwords/italian';
import { stopwords as jaStop } from '@orama/stopwords/japanese';
import { stopwords as zhStop } from '@orama/stopwords/mandarin';
import { stopwords as ptStop } from '@orama/stopwords/portuguese';
import { stopwords as ruStop } from '@orama/stopwords/russian';
import { stopwords as esStop } from '@orama/stopwords/spanish';
import { stopwords as svStop } from '@orama/stopwords/swedish';
import { stemmerOf } from './stemmers.ts';
import { EXTRA_STOPWORDS } from './stopwords-extra.ts';

/**
 * ISO 639-1 code → the package's stopwords: the languages with the most news, within the stage's
 * bundle budget (each list costs it 5 to 25 kB).
 */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  ar: arStop,
  de: deStop,
  es: esStop,
  fr: frStop,
  it: itStop,
  nl: nlStop,
  pt: ptStop,
  ru: ruStop,
  sv: svStop,
  ja: jaStop,
  zh: zhStop,
  ko: EXTRA_STOPWORDS.ko?.split(' ') ?? [],
  th: EXTRA_STOPWORDS.th?.split(' ') ?? [],
};

export interface LanguageProfile {
  /** Lower-cased function words: they say nothing about which event a report covers. */
  stopwords: ReadonlySet<string>;
  /** The word's stem, for a lower-cased word; the word itself where no stemmer is known. */
  stem(word: string): string;
}

const profiles = new Map<string, LanguageProfile>();

/** The profile of an ISO 639-1 code; a language no package covers gets no stopwords and no stemming. */
export function languageProfile(code: string): LanguageProfile {
  let profile = profiles.get(code);
  if (profile === undefined) {
    const stopwords = Object.hasOwn(STOPWORDS, code) ? STOPWORDS[code] : undefined;
    profile = {
      stopwords: new Set((stopwords ?? []).map((w) => w.toLowerCase())),
      stem: stemmerOf(code) ?? ((word) => word),
    };
    profiles.set(code, profile);
  }
  return profile;
}

/**
 * Stopwords of the scripts written without spaces, whatever the item's language is said to be:
 * a segment of Han, kana or Thai can only be Chinese, Japanese or Thai.
 */
export const UNSPACED_STOPWORDS: ReadonlySet<string> = new Set(
  ['ja', 'zh', 'th'].flatMap((code) => [...languageProfile(code).stopwords]),
);

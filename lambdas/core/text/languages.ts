/**
 * Stopwords and stemming for each language, from packages rather than lists typed here:
 * @orama/stemmers and @orama/stopwords 3.1 (Apache-2.0; the Snowball project's stemmers and
 * stopword lists, one module per language, so a function bundles only the languages below), and
 * for Korean and Thai, which those lack, stopwords-iso (MIT) through stopwords-extra.ts. English
 * keeps the clustering's own light stemmer and list (clustering/fingerprint), which its fitted
 * model and figures were made with.
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
import { EXTRA_STOPWORDS } from './stopwords-extra.ts';

type Stem = (word: string) => string;

/**
 * ISO 639-1 code → the package's stemmer and stopwords: the languages with the most news, within
 * the stage's bundle budget (each stemmer and list costs it 5 to 25 kB).
 */
const PACKAGED: Readonly<Record<string, { stem?: Stem; stopwords: readonly string[] }>> = {
  ar: { stem: arabic, stopwords: arStop },
  de: { stem: german, stopwords: deStop },
  es: { stem: spanish, stopwords: esStop },
  fr: { stem: french, stopwords: frStop },
  it: { stem: italian, stopwords: itStop },
  nl: { stem: dutch, stopwords: nlStop },
  pt: { stem: portuguese, stopwords: ptStop },
  ru: { stem: russian, stopwords: ruStop },
  sv: { stem: swedish, stopwords: svStop },
  ja: { stopwords: jaStop },
  zh: { stopwords: zhStop },
  ko: { stopwords: EXTRA_STOPWORDS.ko?.split(' ') ?? [] },
  th: { stopwords: EXTRA_STOPWORDS.th?.split(' ') ?? [] },
};

/** Codes of the languages with a stemmer: their words match topic words by stem. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(PACKAGED).filter(
  (code) => PACKAGED[code]?.stem !== undefined,
);

export interface LanguageProfile {
  /** Lower-cased function words: they say nothing about which event a report covers. */
  stopwords: ReadonlySet<string>;
  /** The word's stem, for a lower-cased word; the word itself where no stemmer is known. */
  stem(word: string): string;
}

/** Stems repeat across documents; a full cache is dropped rather than grown without bound. */
const MAX_CACHED_STEMS = 100_000;

function cached(stem: Stem | undefined): Stem {
  if (stem === undefined) return (word) => word;
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

const profiles = new Map<string, LanguageProfile>();

/** The profile of an ISO 639-1 code; a language no package covers gets no stopwords and no stemming. */
export function languageProfile(code: string): LanguageProfile {
  let profile = profiles.get(code);
  if (profile === undefined) {
    const packaged = Object.hasOwn(PACKAGED, code) ? PACKAGED[code] : undefined;
    profile = {
      stopwords: new Set((packaged?.stopwords ?? []).map((w) => w.toLowerCase())),
      stem: cached(packaged?.stem),
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

/**
 * Stopwords and stemming for each language, from packages rather than lists typed here:
 * stopwords-iso 1.1 (MIT; lists for 58 languages) and snowball-stemmers 0.6 (ISC; the Snowball
 * project's stemmers). English keeps the clustering's own light stemmer and list
 * (clustering/fingerprint), which its fitted model and figures were made with.
 */
import snowball from 'snowball-stemmers';
import stopwordsIso from 'stopwords-iso' with { type: 'json' };

/** ISO 639-1 code → snowball-stemmers' name for its algorithm. */
const SNOWBALL_ALGORITHM: Readonly<Record<string, string>> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

const LISTS = stopwordsIso as Readonly<Record<string, readonly string[]>>;

export interface LanguageProfile {
  /** Lower-cased function words: they say nothing about which event a report covers. */
  stopwords: ReadonlySet<string>;
  /** The word's stem, for a lower-cased word; the word itself where no stemmer is known. */
  stem(word: string): string;
}

/** Stems repeat across documents; a full cache is dropped rather than grown without bound. */
const MAX_CACHED_STEMS = 100_000;

function stemmerFor(code: string): (word: string) => string {
  const algorithm = SNOWBALL_ALGORITHM[code];
  if (algorithm === undefined) return (word) => word;
  const stemmer = snowball.newStemmer(algorithm);
  const cache = new Map<string, string>();
  return (word) => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word).toLowerCase();
      if (cache.size >= MAX_CACHED_STEMS) cache.clear();
      cache.set(word, stem);
    }
    return stem;
  };
}

const profiles = new Map<string, LanguageProfile>();

/** The profile of an ISO 639-1 code; a language no package covers gets no stopwords and no stemming. */
export function languageProfile(code: string): LanguageProfile {
  let profile = profiles.get(code);
  if (profile === undefined) {
    const list = Object.hasOwn(LISTS, code) ? (LISTS[code] ?? []) : [];
    profile = { stopwords: new Set(list.map((w) => w.toLowerCase())), stem: stemmerFor(code) };
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

/**
 * Matching by stem in an item of a stemmed language: "Präsidenten" finds the topic word
 * "Präsident" in a German item. The stems of the query words are computed at compile time
 * (compile.ts); an item's words are stemmed as they are scanned, through the stemmer's own cache
 * (text/stemmers.ts), so a recurring word costs two map lookups.
 */
import { stemmerOf } from '../text/stemmers.ts';

export type StemIndex = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
/** A scanned word's atoms by stem (often none). */
export type StemMatch = (word: string) => readonly number[];

const NONE: readonly number[] = [];

export class StemLookup {
  private readonly byLanguage = new Map<string, StemMatch | undefined>();

  constructor(private readonly index: StemIndex) {}

  /** The lookup for an item's language, undefined when no query word can match by stem in it. */
  forLanguage(lang: string | undefined): StemMatch | undefined {
    if (lang === undefined) return undefined;
    if (!this.byLanguage.has(lang)) this.byLanguage.set(lang, this.create(lang));
    return this.byLanguage.get(lang);
  }

  private create(lang: string): StemMatch | undefined {
    const atoms = this.index.get(lang);
    const stem = stemmerOf(lang);
    if (atoms === undefined || atoms.size === 0 || stem === undefined) return undefined;
    return (word) => atoms.get(stem(word)) ?? NONE;
  }
}

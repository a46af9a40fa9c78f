/** What scripts/build-stopwords.ts takes from stopwords-iso, shared with the test that checks it. */
import stopwordsIso from 'stopwords-iso' with { type: 'json' };

export const EXTRA_STOPWORD_LANGUAGES = ['ko', 'th'] as const;

/** The lists, lower-cased, without entries holding a space (the scanners never see one as a word). */
export function stopwordsIsoLists(langs: readonly string[]): Record<string, string[]> {
  const all = stopwordsIso as Record<string, string[]>;
  return Object.fromEntries(
    langs.map((lang) => [
      lang,
      [...new Set((all[lang] ?? []).map((w) => w.toLowerCase()))].filter((w) => !/\s/.test(w)),
    ]),
  );
}

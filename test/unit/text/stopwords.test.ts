import { describe, expect, it } from 'vitest';
import { languageProfile } from '../../../lambdas/core/text/languages.ts';
import { EXTRA_STOPWORDS } from '../../../lambdas/core/text/stopwords-extra.ts';
import { EXTRA_STOPWORD_LANGUAGES, stopwordsIsoLists } from '../../../scripts/stopwords-source.ts';

describe('stopword lists', () => {
  it('ships the Korean and Thai lists as stopwords-iso has them (scripts/build-stopwords.ts)', () => {
    const lists = stopwordsIsoLists(EXTRA_STOPWORD_LANGUAGES);
    for (const lang of EXTRA_STOPWORD_LANGUAGES) expect(EXTRA_STOPWORDS[lang]).toBe(lists[lang]?.join(' '));
  });

  it.each([
    ['de', 'und'],
    ['fr', 'les'],
    ['es', 'los'],
    ['it', 'della'],
    ['pt', 'não'],
    ['nl', 'het'],
    ['ru', 'что'],
    ['ja', 'これ'],
    ['zh', '我们'],
    ['ko', '그리고'],
    ['ar', 'التي'],
  ])('has a list for %s', (lang, word) => {
    expect(languageProfile(lang).stopwords.has(word)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { highlightHtml } from '../../../lambdas/core/alerts/highlight.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';

const matcher = compileTopics({
  topics: [
    { name: 'president', query: 'Präsident' },
    { name: 'election', query: 'élection' },
    { name: 'national', query: 'national' },
    { name: 'vote', query: 'elección' },
    { name: 'government', query: 'правительство' },
    { name: 'quoted', query: '"Präsident"' },
    { name: 'exact', query: 'case:Präsident' },
    { name: 'lang', query: 'Staat' },
  ],
});

const names = (title: string, lang?: string) =>
  matcher.match({ title, text: '', ...(lang ? { lang } : {}) }).map((hit) => hit.topic);

describe('query words inflected in the item’s language', () => {
  it('a German plural matches its singular', () => {
    expect(names('Die Präsidenten trafen sich in Berlin', 'de')).toContain('president');
  });

  it('a German genitive matches ("des Staates")', () => {
    expect(names('Die Rolle des Staates', 'de')).toContain('lang');
  });

  it('a French plural in -aux, and a plural behind an elision, match', () => {
    expect(names('Les enjeux nationaux', 'fr')).toContain('national');
    expect(names("Le report d'élections régionales", 'fr')).toContain('election');
  });

  it('a Spanish plural in -es matches', () => {
    expect(names('Las elecciones generales', 'es')).toContain('vote');
  });

  it('a Russian case ending matches', () => {
    expect(names('Заседание правительства в Москве', 'ru')).toContain('government');
  });

  it('leaves an English item to the English rules', () => {
    expect(names('Staates and Präsidenten', 'en')).toEqual([]);
    expect(names('Staates and Präsidenten')).toEqual([]);
  });

  it('does not inflect a quoted word or a case: word', () => {
    const hits = names('Die Präsidenten trafen sich', 'de');
    expect(hits).not.toContain('quoted');
    expect(hits).not.toContain('exact');
    expect(names('Der Präsident', 'de')).toEqual(expect.arrayContaining(['quoted', 'exact']));
  });
});

describe('highlighting inflected words', () => {
  it('marks the words that share the term’s stem in the item’s language', () => {
    expect(highlightHtml('Die Präsidenten trafen sich', ['präsident'], 'de')).toBe(
      'Die <mark>Präsidenten</mark> trafen sich',
    );
  });

  it('marks only the exact word of a quoted term, and in an English item', () => {
    expect(highlightHtml('Die Präsidenten', ['"präsident"'], 'de')).toBe('Die Präsidenten');
    expect(highlightHtml('Die Präsidenten', ['präsident'], 'en')).toBe('Die Präsidenten');
  });
});

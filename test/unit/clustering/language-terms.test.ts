import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../../lambdas/core/clustering/fingerprint/evidence.ts';
import { scan } from '../../../lambdas/core/clustering/fingerprint/text.ts';

function terms(text: string, lang?: string): string[] {
  const found: string[] = [];
  scan(text, (t) => found.push(t.term), lang);
  return found;
}

describe('fingerprint terms by language', () => {
  it.each([
    { lang: 'de', a: 'Die Präsidenten kamen', b: 'der Präsident kam' },
    { lang: 'fr', a: 'les gouvernements européens', b: 'le gouvernement européen' },
    { lang: 'es', a: 'las elecciones generales', b: 'la elección general' },
    { lang: 'it', a: 'i ministri', b: 'il ministro' },
    { lang: 'pt', a: 'os deputados', b: 'o deputado' },
    { lang: 'nl', a: 'de gemeenten', b: 'een gemeente' },
    { lang: 'ru', a: 'выборы в правительство', b: 'выборов в правительства' },
  ])('stems $lang inflections to one term and drops its function words', ({ lang, a, b }) => {
    expect(terms(a, lang)).toEqual(terms(b, lang));
    expect(terms(a, lang).length).toBeLessThan(a.split(' ').length);
  });

  it("keeps English on the clustering's own stemmer and list", () => {
    expect(terms('The meetings were cancelled')).toEqual(['meet', 'cancel']);
    expect(terms('The meetings were cancelled', 'en')).toEqual(['meet', 'cancel']);
  });

  it('splits Japanese and Chinese into words, without particles', () => {
    expect(terms('政府は防衛費増額の方針を決めた', 'ja')).toEqual(
      expect.arrayContaining(['政府', '防衛', '費', '増額', '方針']),
    );
    expect(terms('政府は防衛費増額の方針を決めた', 'ja')).not.toContain('の');
    expect(terms('他还表示支持日本增加防卫预算', 'zh')).toEqual(
      expect.arrayContaining(['支持', '日本', '增加', '防卫', '预算']),
    );
  });

  it('reads Korean words with different particles as sharing their syllable pairs', () => {
    const a = terms('국무장관은', 'ko');
    const b = terms('국무장관이', 'ko');
    expect(a.filter((t) => b.includes(t))).toEqual(['국무', '무장', '장관']);
  });

  it('gives the same words in two languages ids that never meet', () => {
    const ids = (lang: string) =>
      new Set(readEvidence('港見市 310', '港見市議会 2028年', { lang }).kinds.flatMap((k) => [...k.keys()]));
    const ja = ids('ja');
    expect(ja.size).toBeGreaterThan(0);
    expect([...ids('zh')].filter((id) => ja.has(id))).toEqual([]);
  });
});

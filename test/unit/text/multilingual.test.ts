import { describe, expect, it } from 'vitest';
import { highlightHtml } from '../../../lambdas/core/alerts/highlight.ts';
import { tokenize } from '../../../lambdas/core/text/tokenize.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { REPORTS, type Report } from '../../fixtures/multilingual/reports.ts';

const reports = Object.values(REPORTS);

/** The languages of the reports a query matches. */
function matching(query: string): string[] {
  const matcher = compileTopics({ topics: [{ name: 'T', query }] });
  return reports.filter((r) => matcher.match(r).length > 0).map((r) => r.lang);
}

function marked(report: Report, query: string): string {
  const [hit] = compileTopics({ topics: [{ name: 'T', query }] }).match(report);
  if (hit === undefined) throw new Error(`${query} does not match the ${report.lang} report`);
  return highlightHtml(hit.snippet, hit.terms);
}

describe('topics in languages written without spaces', () => {
  it.each([
    { query: '防衛費', langs: ['ja'] },
    { query: 'ルビオ AND 国務長官', langs: ['ja'] },
    { query: '"ルビオ国務長官"', langs: ['ja'] },
    { query: 'クアラルンプール', langs: ['ja'] },
    { query: '10日 AND 南シナ海', langs: ['ja'] },
    { query: '日本政府', langs: ['ja'] },
    { query: '国务卿 AND 鲁比奥', langs: ['zh'] },
    { query: '防卫预算', langs: ['zh'] },
  ])('$query matches words inside unspaced text ($langs)', ({ query, langs }) => {
    expect(matching(query)).toEqual(langs);
  });

  it('keeps the segments of a query word in order and together', () => {
    // The Chinese report has 日本 and, further on, no 政府: 日本政府 must not match it piecemeal.
    expect(matching('日本政府')).not.toContain('zh');
    expect(matching('会見記者')).toEqual([]);
  });

  it('folds full-width digits and letters, and half-width katakana', () => {
    expect(tokenize('１０日 ＮＨＫ ｶﾞｿﾘﾝ').words).toEqual(['10', '日', 'nhk', 'ガソリン']);
  });
});

describe('topics in spaced scripts', () => {
  it.each([
    { query: '국무장관', langs: ['ko'] },
    { query: '방위비 AND 쿠알라룸푸르', langs: ['ko'] },
    { query: 'Verteidigungsausgaben', langs: ['de'] },
    { query: 'aussenminister', langs: ['de'] },
    { query: 'augmentation', langs: ['fr'] },
    { query: 'كوالالمبور AND روبيو', langs: ['ar'] },
  ])('$query ($langs)', ({ query, langs }) => {
    expect(matching(query)).toEqual(langs);
  });

  it('reads a Korean word with its particle attached as the word', () => {
    expect(matching('"쿠알라룸푸르"')).toEqual([]);
    expect(matching('쿠알라룸푸르')).toEqual(['ko']);
  });
});

describe('lang:', () => {
  it('matches the item language code', () => {
    expect(matching('Rubio lang:(de OR fr)')).toEqual(['de', 'fr']);
    expect(matching('Rubio lang:en')).toEqual([]);
    expect(matching('lang:ja')).toEqual(['ja']);
    expect(matching('Rubio NOT lang:de')).toEqual(['fr']);
  });

  it('never matches an item whose language is not known', () => {
    const matcher = compileTopics({ topics: [{ name: 'T', query: 'Rubio lang:de' }] });
    expect(matcher.match({ title: REPORTS.de.title, text: REPORTS.de.text })).toEqual([]);
  });

  it('marks no word of the snippet', () => {
    expect(marked(REPORTS.de, 'Kuala lang:de')).toContain('<mark>Kuala</mark>');
    expect(marked(REPORTS.de, 'Kuala lang:de')).not.toContain('<mark>de</mark>');
  });
});

describe('highlighting', () => {
  it.each([
    { lang: 'ja', query: '防衛費', mark: '<mark>防衛費</mark>増額' },
    { lang: 'ja', query: 'ルビオ AND 国務長官', mark: '<mark>ルビオ国務長官</mark>は' },
    { lang: 'zh', query: '鲁比奥', mark: '国务卿<mark>鲁比奥</mark>10日' },
    { lang: 'ko', query: '국무장관', mark: '루비오 <mark>국무장관은</mark> 10일' },
    { lang: 'de', query: 'aussenminister', mark: '<mark>Außenminister</mark> Marco' },
    { lang: 'fr', query: 'augmentation', mark: 'soutenaient <mark>l&#39;augmentation</mark> des' },
    { lang: 'ar', query: 'روبيو', mark: 'ماركو <mark>روبيو</mark> يوم' },
  ] as const)('$lang: $query', ({ lang, query, mark }) => {
    expect(marked(REPORTS[lang], query)).toContain(mark);
  });
});

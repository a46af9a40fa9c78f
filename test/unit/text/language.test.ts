import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../lambdas/core/text/language.ts';
import { primaryLanguage } from '../../../lambdas/core/text/language-tag.ts';
import { REPORTS } from '../../fixtures/multilingual/reports.ts';

describe('detectLanguage', () => {
  it.each(Object.values(REPORTS))('reads $lang from the text alone', ({ lang, title, text }) => {
    expect(detectLanguage(`${title}\n${text}`)).toBe(lang);
  });

  it('takes the text over a declaration in another script', () => {
    expect(detectLanguage(REPORTS.ja.text, 'en-US')).toBe('ja');
    expect(detectLanguage('The council voted to rebuild the breakwater after the storm.', 'ja')).toBe('en');
  });

  it('keeps a declaration in the script of the text: a guess within one script is the weaker', () => {
    const english = 'Wladimir Klitschko defended his heavyweight titles in Hamburg on Saturday night.';
    expect(detectLanguage(english)).not.toBe('en');
    expect(detectLanguage(english, 'en-GB')).toBe('en');
  });

  it('reads a script only one language writes when the model has no guess', () => {
    expect(detectLanguage('央行宣布下调存款准备金率')).toBe('zh');
    expect(detectLanguage('ｶﾞｿﾘﾝ')).toBe('ja');
  });

  it('falls back on the declaration, or nothing, when the text has no letters to tell', () => {
    expect(detectLanguage('2026', 'sv')).toBe('sv');
    expect(detectLanguage('2026')).toBeUndefined();
  });

  it('reads the primary subtag of a declared tag', () => {
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('english')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { detectLanguage, primaryLanguage } from '../../../lambdas/core/text/language.ts';
import { REPORTS } from '../../fixtures/multilingual/reports.ts';

describe('detectLanguage', () => {
  it.each(Object.values(REPORTS))('reads $lang from the text alone', ({ lang, title, text }) => {
    expect(detectLanguage(`${title}\n${text}`)).toBe(lang);
  });

  it('takes the text over a declaration in another script', () => {
    expect(detectLanguage(REPORTS.ja.text, 'en-US')).toBe('ja');
    expect(detectLanguage('The council voted to rebuild the breakwater after the storm.', 'ja')).toBe('en');
  });

  it('lets the declaration settle a close call between neighbours', () => {
    const headline = 'Bahnstreik legt Fernverkehr lahm';
    expect(detectLanguage(headline)).not.toBe('de');
    expect(detectLanguage(headline, 'de-DE')).toBe('de');
  });

  it('falls back on the declaration, or nothing, when the text is too short to tell', () => {
    expect(detectLanguage('Ja', 'sv')).toBe('sv');
    expect(detectLanguage('Ja')).toBeUndefined();
  });

  it('reads the primary subtag of a declared tag', () => {
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('english')).toBeUndefined();
  });
});

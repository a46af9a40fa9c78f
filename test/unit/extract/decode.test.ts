import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../lambdas/core/extract/decode.ts';

const page = (text: string, meta = '') => `<html><head>${meta}</head><body><p>${text}</p></body></html>`;

describe('decodeHtml', () => {
  it('decodes windows-1252 quotes and the euro sign, declared or guessed', () => {
    const text = '“Quoted” – costs €5';
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'), 'text/html; charset=windows-1252')).toContain(
      text,
    );
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'), 'text/html; charset=ISO-8859-1')).toContain(
      text,
    );
    // Not valid UTF-8 and nothing declared: the web's legacy default.
    expect(decodeHtml(iconv.encode(page(text), 'windows-1252'))).toContain(text);
  });

  it('decodes the charset a <meta> names, and skips a label nobody knows', () => {
    const meta = '<meta charset="shift_jis">';
    expect(
      decodeHtml(iconv.encode(page('東京の天気', meta), 'shift_jis'), 'text/html; charset=x-klingon'),
    ).toContain('東京の天気');
  });
});

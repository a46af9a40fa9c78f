import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset } from '../../../lambdas/core/feeds/charset.ts';
import { parseFeed } from '../../../lambdas/core/feeds/parse.ts';

const url = 'https://charset.example.com/feed';

function rss(title: string, encoding?: string): string {
  const decl = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '';
  return `${decl}<rss version="2.0"><channel><item><title>${title}</title></item></channel></rss>`;
}

async function titleOf(body: Uint8Array, contentType?: string): Promise<string | undefined> {
  const feed = await parseFeed(body, { url, contentType });
  return feed.items[0]?.title;
}

describe('charsets', () => {
  it('Shift_JIS from the XML declaration', async () => {
    const body = iconv.encode(rss('東京の天気', 'Shift_JIS'), 'shift_jis');
    expect(await titleOf(body)).toBe('東京の天気');
  });

  it('EUC-JP from the HTTP header', async () => {
    const body = iconv.encode(rss('大阪のニュース'), 'euc-jp');
    expect(await titleOf(body, 'application/rss+xml; charset=EUC-JP')).toBe('大阪のニュース');
  });

  it('windows-1252 curly quotes and the euro sign', async () => {
    const body = iconv.encode(rss('“Quoted” costs €5', 'windows-1252'), 'windows-1252');
    expect(await titleOf(body)).toBe('“Quoted” costs €5');
  });

  it('ISO-8859-1 accents', async () => {
    const body = iconv.encode(rss('Façade rénovée à Zürich', 'ISO-8859-1'), 'latin1');
    expect(await titleOf(body)).toBe('Façade rénovée à Zürich');
  });

  it('the header wins over the declaration, and a BOM wins over both', async () => {
    const latin = iconv.encode(rss('Crème', 'utf-8'), 'latin1');
    expect(await titleOf(latin, 'text/xml; charset="iso-8859-1"')).toBe('Crème');
    const utf16 = iconv.encode(`\ufeff${rss('Grüße', 'iso-8859-1')}`, 'utf-16le');
    expect(await titleOf(utf16, 'text/xml; charset=iso-8859-1')).toBe('Grüße');
  });

  it('valid UTF-8 wins over a default ISO-8859-1 header when the body declares UTF-8', async () => {
    const body = new TextEncoder().encode(rss('São Paulo – Zürich', 'UTF-8'));
    expect(await titleOf(body, 'text/xml; charset=ISO-8859-1')).toBe('São Paulo – Zürich');
  });

  it('UTF-8 with a BOM and UTF-8 by default', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rss('Ärger'))]);
    expect(await titleOf(withBom)).toBe('Ärger');
    expect(await titleOf(new TextEncoder().encode(rss('Ärger')))).toBe('Ärger');
  });

  it.each([
    ['GBK', 'gbk', '北京新闻'],
    ['GB18030', 'gb18030', '上海天气'],
    ['Big5', 'big5', '臺北新聞'],
    ['EUC-KR', 'euc-kr', '서울 뉴스'],
    ['KOI8-R', 'koi8-r', 'Новости Москвы'],
    ['windows-1251', 'windows-1251', 'Новини Києва'],
    ['ISO-8859-2', 'iso-8859-2', 'Łódź i Kraków'],
  ])('%s from the XML declaration', async (label, encoding, title) => {
    expect(await titleOf(iconv.encode(rss(title, label), encoding))).toBe(title);
  });

  it('UTF-32 in both byte orders, by its BOM', async () => {
    const text = rss('Zürich 🚆 東京');
    const codePoints = [0xfeff, ...[...text].map((c) => c.codePointAt(0) ?? 0)];
    for (const littleEndian of [true, false]) {
      const body = new Uint8Array(codePoints.length * 4);
      const view = new DataView(body.buffer);
      for (const [i, cp] of codePoints.entries()) view.setUint32(i * 4, cp, littleEndian);
      expect(await titleOf(body)).toBe('Zürich 🚆 東京');
    }
  });

  it('reports where the charset came from', () => {
    expect(detectCharset(new TextEncoder().encode(rss('x', 'EUC-JP')))).toEqual({
      charset: 'euc-jp',
      source: 'xml-declaration',
      skip: 0,
    });
    expect(detectCharset(new Uint8Array([0xfe, 0xff, 0, 0x3c]), 'text/xml; charset=utf-8')).toEqual({
      charset: 'utf-16be',
      source: 'bom',
      skip: 2,
    });
    expect(decodeBody(new TextEncoder().encode('<a/>'), 'text/xml').charset).toBe('utf-8');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { fixture } from './helpers.ts';

describe('parseFeed: RSS 2.0', () => {
  it('maps channel and items, decoding escaped HTML titles', async () => {
    const feed = await parseFeed(fixture('rss2.xml'), { url: 'https://news.example.org/feed.xml' });
    expect(feed.format).toBe('rss-2.0');
    expect(feed.title).toBe('Harbour Gazette');
    expect(feed.link).toBe('https://news.example.org/');
    expect(feed.language).toBe('en-gb');
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]).toEqual({
      guid: 'gazette-4711',
      link: 'https://news.example.org/2025/07/ferry-strike-ends/?utm_source=rss&utm_medium=feed',
      title: 'Ferry strike ends & services resume',
      summary: 'Crews return after three days.',
      contentHtml: '<p>Crews return after three days.</p><p>The union said talks would continue.</p>',
      author: 'Mara Quill',
      categories: ['Transport', 'Labour'],
      published: '2025-07-11T07:30:00.000Z',
    });
  });

  it('resolves relative links against the feed URL and reads "email (Name)" authors', async () => {
    const feed = await parseFeed(fixture('rss2.xml'), { url: 'https://news.example.org/feed.xml' });
    expect(feed.items[1]?.link).toBe('https://news.example.org/2025/07/budget-vote/');
    expect(feed.items[1]?.author).toBe('City Desk');
    expect(feed.items[1]?.published).toBe('2025-07-10T18:00:00.000Z');
  });

  it('uses a permalink guid as the link and leaves an unparseable date undefined', async () => {
    const feed = await parseFeed(fixture('rss2.xml'), { url: 'https://news.example.org/feed.xml' });
    const item = feed.items[2];
    expect(item?.guid).toBe('https://news.example.org/notes/12');
    expect(item?.link).toBe('https://news.example.org/notes/12');
    expect(item?.published).toBeUndefined();
  });
});

describe('parseFeed: RSS 0.91 and RSS 1.0', () => {
  it('decodes HTML named entities that RSS 0.91 feeds use', async () => {
    const feed = await parseFeed(fixture('rss091.xml'), { url: 'http://wire.example.net/rss' });
    expect(feed.format).toBe('rss-0.91');
    expect(feed.items[0]?.title).toBe('Café reopens on the quay');
    expect(feed.items[0]?.summary).toBe('Owners & staff return.');
  });

  it('reads RDF items, Dublin Core creator, subject, date and language', async () => {
    const feed = await parseFeed(fixture('rdf.xml'), { url: 'https://rdf.example.com/index.rdf' });
    expect(feed.format).toBe('rss-1.0');
    expect(feed.title).toBe('RDF Observer');
    expect(feed.language).toBe('de');
    expect(feed.items).toEqual([
      {
        guid: 'https://rdf.example.com/artikel/42',
        link: 'https://rdf.example.com/artikel/42',
        title: 'Brücke wird saniert',
        summary: 'Die Sanierung dauert zwei Jahre.',
        author: 'Jonas Feld',
        categories: ['Verkehr'],
        published: '2025-06-20T12:05:00.000Z',
      },
    ]);
  });
});

describe('parseFeed: Atom', () => {
  it('maps Atom 1.0 with xml:base, html titles, xhtml content and categories', async () => {
    const feed = await parseFeed(fixture('atom10.xml'), { url: 'https://atom.example.com/feed.atom' });
    expect(feed.format).toBe('atom-1.0');
    expect(feed.title).toBe('Atom Ledger');
    expect(feed.link).toBe('https://atom.example.com/');
    expect(feed.language).toBe('en');
    expect(feed.items[0]).toEqual({
      guid: 'tag:atom.example.com,2025:rates-held',
      link: 'https://atom.example.com/blog/posts/rates-held',
      title: 'Rates held at 2%',
      summary: 'The bank kept its main rate unchanged.',
      contentHtml: '<p>The bank kept its <b>main rate</b> unchanged.</p><p>Markets had expected it.</p>',
      author: 'Ines Ford',
      categories: ['economy', 'banks'],
      published: '2025-07-11T20:45:00.000Z',
      updated: '2025-07-12T07:00:00.000Z',
      lang: 'en',
    });
  });

  it('keeps type="text" titles literal, inherits the feed author and honours a nested xml:base', async () => {
    const feed = await parseFeed(fixture('atom10.xml'), { url: 'https://atom.example.com/feed.atom' });
    const entry = feed.items[1];
    expect(entry?.title).toBe('Plain &lt;text&gt; title');
    expect(entry?.link).toBe('https://other.example.com/x/item?id=7');
    expect(entry?.author).toBe('Ledger Staff');
    expect(entry?.lang).toBe('fr');
    expect(entry?.published).toBeUndefined();
    expect(entry?.updated).toBe('2025-07-10T08:00:00.000Z');
    expect(entry?.contentHtml).toBe('<p>Escaped <b>HTML</b> body</p>');
  });

  it('maps Atom 0.3 issued/modified and escaped and base64 modes', async () => {
    const feed = await parseFeed(fixture('atom03.xml'), { url: 'http://old.example.com/atom.xml' });
    expect(feed.format).toBe('atom-0.3');
    expect(feed.title).toBe('Zero Three');
    expect(feed.items[0]).toEqual({
      guid: 'tag:old.example.com,2004:legacy',
      link: 'http://old.example.com/2004/05/legacy',
      title: 'Legacy entry',
      summary: 'Base64 summary',
      contentHtml: '<p>Escaped <i>body</i></p>',
      author: 'Old Hand',
      categories: [],
      published: '2004-05-01T13:00:00.000Z',
      updated: '2004-05-01T14:00:00.000Z',
    });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('maps JSON Feed 1.1 items, authors, tags and language', async () => {
    const feed = await parseFeed(fixture('jsonfeed11.json'), { url: 'https://json.example.com/feed.json' });
    expect(feed.format).toBe('json-1.1');
    expect(feed.title).toBe('JSON Dispatch');
    expect(feed.link).toBe('https://json.example.com/');
    expect(feed.language).toBe('en-US');
    expect(feed.items[0]).toEqual({
      guid: '2025-07-11-lighthouse',
      link: 'https://json.example.com/lighthouse?fbclid=abc',
      title: 'Lighthouse & museum open',
      summary: 'Restored lighthouse opens.',
      contentHtml: '<p>The restored lighthouse opens on Saturday.</p>',
      author: 'Pia Lund',
      categories: ['culture', 'coast'],
      published: '2025-07-11T09:00:00.000Z',
      updated: '2025-07-11T12:00:00.000Z',
      lang: 'sv',
    });
  });

  it('falls back to external_url, the feed author and escaped content_text', async () => {
    const feed = await parseFeed(fixture('jsonfeed11.json'), { url: 'https://json.example.com/feed.json' });
    expect(feed.items[1]).toEqual({
      guid: '2',
      link: 'https://json.example.com/elsewhere/text-only',
      contentHtml: 'Line one<br>Line two',
      author: 'Dispatch Team',
      categories: [],
    });
  });

  it('reads JSON Feed 1.0 single author', async () => {
    const feed = await parseFeed(fixture('jsonfeed10.json'), { url: 'https://j10.example.com/feed.json' });
    expect(feed.format).toBe('json-1.0');
    expect(feed.items[0]?.author).toBe('Solo Writer');
    expect(feed.items[0]?.published).toBe('2017-05-17T15:02:12.000Z');
  });
});

describe('parseFeed: maxItems', () => {
  it('keeps the first N items and counts the rest', async () => {
    const feed = await parseFeed(fixture('rss2.xml'), {
      url: 'https://news.example.org/feed.xml',
      maxItems: 2,
    });
    expect(feed.items.map((i) => i.title)).toEqual([
      'Ferry strike ends & services resume',
      'Council budget vote delayed',
    ]);
    expect(feed.droppedItems).toBe(1);
  });

  it('caps Atom and JSON Feed items the same way, and reports nothing dropped under the cap', async () => {
    const atom = await parseFeed(fixture('atom10.xml'), {
      url: 'https://atom.example.com/feed.atom',
      maxItems: 1,
    });
    expect(atom.items.map((i) => i.guid)).toEqual(['tag:atom.example.com,2025:rates-held']);
    expect(atom.droppedItems).toBe(1);
    const json = await parseFeed(fixture('jsonfeed11.json'), {
      url: 'https://json.example.com/feed.json',
      maxItems: 1,
    });
    expect(json.items.map((i) => i.guid)).toEqual(['2025-07-11-lighthouse']);
    expect(json.droppedItems).toBe(1);
    const all = await parseFeed(fixture('jsonfeed11.json'), {
      url: 'https://json.example.com/feed.json',
      maxItems: 5,
    });
    expect(all.items).toHaveLength(2);
    expect(all.droppedItems).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { type FeedParseError, parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { bytes } from './helpers.ts';

const url = 'https://variants.example.com/feed';

describe('parseFeed: real-world variants', () => {
  it('accepts misspelt well-known namespace URIs (no trailing slash, other case)', async () => {
    const xml =
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content" ' +
      'xmlns:dc="HTTP://purl.org/dc/elements/1.1"><channel><item><title>T</title>' +
      '<dc:creator>Ada Byron</dc:creator><content:encoded>&lt;p&gt;Full&lt;/p&gt;</content:encoded>' +
      '</item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.author).toBe('Ada Byron');
    expect(feed.items[0]?.contentHtml).toBe('<p>Full</p>');
  });

  it('fills RSS gaps from atom:published, atom:author and atom:content', async () => {
    const xml =
      '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><item><title>T</title>' +
      '<atom:published>2019-01-02T15:04:05Z</atom:published><atom:author><atom:name>Jo Doe</atom:name></atom:author>' +
      '<atom:content type="html">&lt;p&gt;Body&lt;/p&gt;</atom:content></item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]).toMatchObject({
      published: '2019-01-02T15:04:05.000Z',
      author: 'Jo Doe',
      contentHtml: '<p>Body</p>',
    });
  });

  it('reads "Name (email)" authors and drops control characters from titles', async () => {
    const xml =
      '<rss version="2.0"><channel><item><title>ab&#x1;cd</title>' +
      '<author>Author Name (email@example.org)</author></item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.title).toBe('abcd');
    expect(feed.items[0]?.author).toBe('Author Name');
  });

  it('reads an Atom entry document as a feed of one entry', async () => {
    const xml =
      '<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>Alone</title>' +
      '<link href="/solo"/><updated>2025-01-01T00:00:00Z</updated></entry>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.format).toBe('atom-1.0-entry');
    expect(feed.items).toEqual([
      {
        guid: 'urn:x:1',
        link: 'https://variants.example.com/solo',
        title: 'Alone',
        categories: [],
        updated: '2025-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('decodes base64 Atom content of other media types, and drops binary content', async () => {
    const image = Buffer.from(new Uint8Array(96).map((_, i) => (i * 37) % 256)).toString('base64');
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="application/x-custom">test</title>' +
      '<content type="application/octet-stream">RW50cnkgQ29udGVudA==</content></entry>' +
      `<entry><title>img</title><content type="image/png">${image}</content></entry></feed>`;
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.title).toBe('test');
    expect(feed.items[0]?.contentHtml).toBe('Entry Content');
    expect(feed.items[1]?.contentHtml).toBeUndefined();
  });

  it('accepts a JSON Feed whose version is the bare number, but not arbitrary versioned JSON', async () => {
    const ok = await parseFeed(bytes('{"version":"1.1","items":[{"id":"a","title":"Hi"}]}'), { url });
    expect(ok.format).toBe('json-1.1');
    expect(ok.items[0]?.title).toBe('Hi');
    const err = await parseFeed(bytes('{"version":"1.1","name":"package"}'), { url }).catch(
      (e: unknown) => e,
    );
    expect((err as FeedParseError).kind).toBe('not-a-feed');
  });

  it('serialises inline XHTML content with void elements and attributes', async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>' +
      '<link rel="http://www.iana.org/assignments/relation/alternate" href="https://variants.example.com/x"/>' +
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">' +
      '<p>One<br/>two <img src="a.png" alt="A &amp; B"/></p></div></content></entry></feed>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.contentHtml).toBe(
      '<p>One<br>two <img src="https://variants.example.com/a.png" alt="A &amp; B"></p>',
    );
    expect(feed.items[0]?.link).toBe('https://variants.example.com/x');
  });

  it('skips a server warning printed before the feed', async () => {
    const rss = '<rss version="2.0"><channel><item><title>Kept</title></item></channel></rss>';
    const php = '<br />\n<b>Warning</b>: Cannot modify header information in feed.php on line 3<br />\n';
    for (const body of [`${php}<?xml version="1.0"?>${rss}`, `Notice: undefined index\n${rss}`]) {
      const feed = await parseFeed(bytes(body), { url });
      expect(feed.items.map((i) => i.title)).toEqual(['Kept']);
      expect(feed.warnings?.[0]).toMatch(/characters before the feed were skipped/);
    }
  });

  it('names RSS 0.90 and 0.92 feeds by version', async () => {
    const rdf090 =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">' +
      '<channel><title>Ninety</title><link>http://old.example/</link></channel>' +
      '<item><title>First</title><link>http://old.example/1</link></item></rdf:RDF>';
    const feed090 = await parseFeed(bytes(rdf090), { url });
    expect(feed090.format).toBe('rss-0.90');
    expect(feed090.items).toEqual([{ link: 'http://old.example/1', title: 'First', categories: [] }]);
    const rss092 =
      '<rss version="0.92"><channel><title>N</title><item><description>d</description></item></channel></rss>';
    const feed092 = await parseFeed(bytes(rss092), { url });
    expect(feed092.format).toBe('rss-0.92');
    expect(feed092.items[0]?.summary).toBe('d');
  });

  it('makes relative href and src in content absolute against xml:base or the feed URL', async () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/test/"><entry><title>t</title>' +
      '<content type="html">&lt;a href="relative/uri"&gt;click&lt;/a&gt; &lt;a href="#top"&gt;top&lt;/a&gt; ' +
      '&lt;a href="mailto:desk@example.com"&gt;mail&lt;/a&gt;</content></entry></feed>';
    const feed = await parseFeed(bytes(atom), { url });
    expect(feed.items[0]?.contentHtml).toBe(
      '<a href="http://example.com/test/relative/uri">click</a> <a href="#top">top</a> ' +
        '<a href="mailto:desk@example.com">mail</a>',
    );
    const rss =
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>' +
      '<content:encoded><![CDATA[<img src=\'/img/a.png\'><a href="https://other.example/x">x</a>]]></content:encoded>' +
      '</item></channel></rss>';
    const rssFeed = await parseFeed(bytes(rss), { url });
    expect(rssFeed.items[0]?.contentHtml).toBe(
      '<img src=\'https://variants.example.com/img/a.png\'><a href="https://other.example/x">x</a>',
    );
  });
});

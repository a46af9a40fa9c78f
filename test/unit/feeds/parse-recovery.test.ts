import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { bytes } from './helpers.ts';

// Every feed here is written for these tests, in the shapes real feeds take.
const url = 'https://feeds.example.com/feed';

const items = (n: number, from = 1) =>
  Array.from(
    { length: n },
    (_, i) => `<item><title>Item ${from + i}</title><link>https://example.com/${from + i}</link></item>`,
  ).join('');

async function errorOf(body: Uint8Array): Promise<FeedParseError> {
  const error = await parseFeed(body, { url }).catch((e: unknown) => e);
  if (error instanceof FeedParseError) return error;
  throw new Error(`expected a FeedParseError, got ${String(error)}`);
}

describe('RSS 2.0 with a default namespace on the root', () => {
  it('reads the items of a Userland-namespaced feed', async () => {
    const feed = await parseFeed(
      bytes(
        '<?xml version="1.0"?><rss version="2.0" xmlns="http://backend.userland.com/rss2">' +
          `<channel><title>Userland</title><link>https://example.com/</link>${items(3)}</channel></rss>`,
      ),
      { url },
    );
    expect(feed.title).toBe('Userland');
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2', 'Item 3']);
    expect(feed.items[0]?.link).toBe('https://example.com/1');
    expect(feed.recovered).toBeUndefined();
  });
});

describe('a gzip file without Content-Encoding', () => {
  const rss = `<rss version="2.0"><channel><title>Zipped</title>${items(2)}</channel></rss>`;

  it('is recognised by its magic bytes and decompressed', async () => {
    const feed = await parseFeed(gzipSync(rss), { url, contentType: 'application/octet-stream' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2']);
  });

  it('is refused when it decompresses past the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(6 * 1024 * 1024, 0x20));
    expect((await errorOf(bomb)).kind).toBe('too-large');
  });

  it('is malformed when the gzip stream is broken', async () => {
    const cut = gzipSync(rss).subarray(0, 20);
    expect((await errorOf(cut)).kind).toBe('malformed');
  });
});

describe('lenient recovery from a local XML error', () => {
  it('keeps every item around a stray close tag in a podcast channel', async () => {
    const body = bytes(
      '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>' +
        `<title>Podcast</title><itunes:summary>About the show</itunes:summary></p>${items(2)}` +
        `</channel></rss>`,
    );
    const feed = await parseFeed(body, { url });
    expect(feed.recovered).toBe(true);
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2']);
    expect(feed.warnings?.[0]).toMatch(/^recovered from malformed XML/);
  });

  it('drops only the item the error is in', async () => {
    const body = bytes(
      `<rss version="2.0"><channel>${items(2)}<item><title>Broken</b></title></item>${items(2, 3)}</channel></rss>`,
    );
    const feed = await parseFeed(body, { url });
    expect(feed.recovered).toBe(true);
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4']);
  });

  it('reads an Atom feed wrapped in an XHTML page', async () => {
    const body = bytes(
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Feed</title></head><body>' +
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wrapped</title>' +
        '<entry><title>One</title><id>urn:1</id><link href="https://example.com/1"/></entry>' +
        '<entry><title>Two</title><id>urn:2</id><link href="https://example.com/2"/></entry>' +
        '</feed></body></html>',
    );
    const feed = await parseFeed(body, { url });
    expect(feed.recovered).toBe(true);
    expect(feed.title).toBe('Wrapped');
    expect(feed.items.map((i) => i.link)).toEqual(['https://example.com/1', 'https://example.com/2']);
  });

  it('still fails a feed whose only item is broken', async () => {
    const body = bytes('<rss version="2.0"><channel><item><title>Half</item></channel></rss>');
    expect((await errorOf(body)).kind).toBe('malformed');
  });

  it('leaves a well-formed feed unmarked', async () => {
    const feed = await parseFeed(bytes(`<rss version="2.0"><channel>${items(1)}</channel></rss>`), { url });
    expect(feed.recovered).toBeUndefined();
  });
});

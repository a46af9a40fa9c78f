import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { bytes, fixture } from './helpers.ts';

const url = 'https://bad.example.com/feed';

async function kindOf(body: Uint8Array, contentType?: string): Promise<string> {
  try {
    await parseFeed(body, { url, contentType });
  } catch (err) {
    if (err instanceof FeedParseError) return err.kind;
    throw err;
  }
  return 'parsed';
}

describe('parseFeed: bad input gives a FeedParseError with a stable kind', () => {
  it('empty body', async () => {
    expect(await kindOf(new Uint8Array())).toBe('empty');
    expect(await kindOf(bytes('  \n\t '))).toBe('empty');
  });

  it('an HTML page', async () => {
    expect(await kindOf(fixture('html-page.html'), 'text/html; charset=utf-8')).toBe('not-a-feed');
    expect(await kindOf(bytes('<html><body><p>hi<br></body></html>'))).toBe('not-a-feed');
    expect(await kindOf(bytes('<!-- nav --><div class="menu"><p>Home</div>'))).toBe('not-a-feed');
  });

  it('XML that is not a feed, plain text, and JSON that is not a JSON Feed', async () => {
    expect(await kindOf(bytes('<catalog><book/></catalog>'))).toBe('not-a-feed');
    expect(await kindOf(bytes('hello world'))).toBe('not-a-feed');
    expect(await kindOf(bytes('{"items": []}'))).toBe('not-a-feed');
  });

  it('malformed XML and malformed JSON', async () => {
    expect(await kindOf(fixture('malformed.xml'))).toBe('malformed');
    expect(await kindOf(bytes('{"version": "https://jsonfeed.org/version/1.1", "items": ['))).toBe(
      'malformed',
    );
  });

  it('an unknown charset, named in the header or the declaration', async () => {
    const rss = '<rss version="2.0"><channel><title>x</title></channel></rss>';
    expect(await kindOf(bytes(rss), 'application/rss+xml; charset=x-klingon')).toBe('unknown-charset');
    expect(await kindOf(bytes(`<?xml version="1.0" encoding="bogus-8"?>${rss}`))).toBe('unknown-charset');
  });

  it('errors carry their name and message', async () => {
    const err = await parseFeed(bytes('<catalog/>'), { url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as FeedParseError).name).toBe('FeedParseError');
    expect((err as FeedParseError).message).toContain('<catalog>');
  });
});

describe('parseFeed: recoverable sloppiness', () => {
  it('reads bare ampersands, unknown entities and undeclared prefixes', async () => {
    const body = bytes(
      '<rss version="2.0"><channel><item><title>Q&A &bogus; night</title>' +
        '<link>https://x.example.com/?a=1&b=2</link><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>' +
        '</item></channel></rss>',
    );
    const feed = await parseFeed(body, { url });
    expect(feed.items[0]?.title).toBe('Q&A &bogus; night');
    expect(feed.items[0]?.link).toBe('https://x.example.com/?a=1&b=2');
    expect(feed.items[0]?.contentHtml).toBe('<p>Body</p>');
    expect(feed.warnings?.length).toBeGreaterThan(0);
  });

  it('reads a feed cut short after its last complete item', async () => {
    const body = bytes('<rss version="2.0"><channel><item><title>Kept</title></item></channel></rss');
    const feed = await parseFeed(body, { url });
    expect(feed.items.map((i) => i.title)).toEqual(['Kept']);
  });

  it('refuses a feed cut short inside an item', async () => {
    const body = bytes('<rss version="2.0"><channel><item><title>Half');
    expect(await kindOf(body)).toBe('malformed');
  });
});

import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../lambdas/core/feeds/health.ts';
import { pollFeed } from '../../../lambdas/core/feeds/poll.ts';
import type { FeedSpec, FeedState } from '../../../lambdas/core/model.ts';
import { FakeArchive, FakeClock, FakeHttp, fetchError, ok } from './fakes.ts';

const FEED_URL = 'https://news.example/feed.xml';
const FEED: FeedSpec = { id: 'harbour', url: FEED_URL };
const NOW = new Date('2026-11-22T08:00:00.000Z');
const MIN = 60_000;

const FULL_CONTENT = `<p>${'The breakwater vote passed after a long night of debate in the council chamber. '.repeat(10)}</p>`;
const PAGE_PARAGRAPHS = [
  'The ferry operator said on Monday that winter crossings to the Skarn islands will resume next week after the new pier passed inspection.',
  'Islanders have relied on a single small boat since October, when a storm damaged the old pier and cut the main route for six weeks.',
  'Timetables return to normal by the end of the month, the operator said, and fares stay at last year’s level until the spring.',
];
const PAGE = `<html lang="sv"><head><meta name="author" content="Lena Holm"></head><body><article>
${PAGE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>
<div class="related-articles"><a href="/x">Lighthouse keeper retires</a></div></body></html>`;

function rss(items: string): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Post</title><link>https://news.example/</link>${items}</channel></rss>`;
}
const FULL_ITEM = `<item><guid>a1</guid><title>Breakwater vote</title><link>https://news.example/breakwater</link>
<description>Council votes.</description><content:encoded><![CDATA[${FULL_CONTENT}]]></content:encoded></item>`;
const TEASER_ITEM = `<item><guid>b2</guid><title>Ferries return</title><link>https://news.example/ferries</link>
<description>Winter crossings resume next week…</description></item>`;

function setup(body: string, headers: Record<string, string> = {}) {
  const http = new FakeHttp();
  http.answers.set(FEED_URL, ok(FEED_URL, body, { 'content-type': 'application/rss+xml', ...headers }));
  const archive = new FakeArchive();
  const clock = new FakeClock(NOW);
  return { http, archive, clock, deps: { http, archive, clock } };
}

describe('pollFeed: fetching and state', () => {
  it('reports a feed read past a stray close tag as recovered, with its items', async () => {
    const { deps } = setup(rss(`${FULL_ITEM}</p>${FULL_ITEM.replaceAll('a1', 'a2')}`));
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.outcome).toBe('recovered');
    expect(result.items.map((a) => a.guid)).toEqual(['a1', 'a2']);
    expect(result.state.consecutiveFailures).toBe(0);
  });

  it('parses a new feed and records validators, body hash and success', async () => {
    const { deps, archive } = setup(rss(FULL_ITEM), {
      etag: '"e1"',
      'last-modified': 'Sat, 21 Nov 2026 10:00:00 GMT',
    });
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.outcome).toBe('fetched');
    expect(result.items.map((a) => [a.guid, a.title, a.outlet])).toEqual([
      ['a1', 'Breakwater vote', 'Harbour Post'],
    ]);
    expect(result.state).toMatchObject({
      feedId: 'harbour',
      url: FEED_URL,
      etag: '"e1"',
      lastModified: 'Sat, 21 Nov 2026 10:00:00 GMT',
      consecutiveFailures: 0,
      lastSuccessAt: NOW.toISOString(),
    });
    expect(result.state.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(archive.puts.map((p) => [p.kind, p.contentType])).toEqual([['feed', 'application/rss+xml']]);
  });

  it('sends the stored validators and treats 304 as not-modified: no parse, no archive, no items', async () => {
    const { http, archive, deps } = setup('');
    http.answers.set(FEED_URL, { status: 304, url: FEED_URL, headers: {}, body: new Uint8Array(0) });
    const state: FeedState = {
      feedId: 'harbour',
      url: FEED_URL,
      etag: '"e1"',
      lastModified: 'x',
      consecutiveFailures: 0,
    };
    const result = await pollFeed(FEED, state, deps);
    expect(http.calls[0]?.conditional).toEqual({ etag: '"e1"', lastModified: 'x' });
    expect([result.outcome, result.items.length, archive.puts.length]).toEqual(['not-modified', 0, 0]);
    expect(result.state.etag).toBe('"e1"');
  });

  it('treats a body identical to the last one as unchanged', async () => {
    const { deps, archive } = setup(rss(FULL_ITEM));
    const first = await pollFeed(FEED, undefined, deps);
    const second = await pollFeed(FEED, first.state, deps);
    expect([second.outcome, second.items.length]).toEqual(['unchanged', 0]);
    expect(archive.puts).toHaveLength(1);
  });

  it('follows a permanent redirect: the state keeps the new URL and the next poll uses it', async () => {
    const { http, deps } = setup('');
    const moved = 'https://news.example/rss';
    http.answers.set(FEED_URL, { ...ok(moved, rss(FULL_ITEM)), permanentUrl: moved });
    const first = await pollFeed(FEED, undefined, deps);
    expect(first.state.url).toBe(moved);
    http.answers.set(moved, ok(moved, rss(FULL_ITEM)));
    await pollFeed(FEED, first.state, deps);
    expect(http.calls.map((c) => c.url)).toEqual([FEED_URL, moved]);
  });

  it('fetches the new configured URL when the user edits it, whatever an old redirect said', async () => {
    const { http, deps } = setup('');
    const moved = 'https://news.example/rss';
    http.answers.set(FEED_URL, { ...ok(moved, rss(FULL_ITEM)), permanentUrl: moved });
    const first = await pollFeed(FEED, undefined, deps);
    const edited = 'https://other.example/feed.xml';
    http.answers.set(edited, ok(edited, rss(FULL_ITEM)));
    const second = await pollFeed({ ...FEED, url: edited }, first.state, deps);
    expect(http.calls.map((c) => c.url)).toEqual([FEED_URL, edited]);
    expect(second.state.url).toBe(edited);
  });

  it('archives a body that is not a feed and fails with the parser kind', async () => {
    const { deps, archive } = setup('<!doctype html><html><body><p>Welcome</p></body></html>');
    const result = await pollFeed(FEED, undefined, deps);
    expect([result.outcome, result.error?.kind, result.items.length]).toEqual(['failed', 'not-a-feed', 0]);
    expect(archive.puts).toHaveLength(1);
    expect(result.state.bodyHash).toBeUndefined();
  });
});

describe('pollFeed: health and backoff', () => {
  it('records failures with exponential backoff and honours Retry-After', async () => {
    const { http, clock, deps } = setup('');
    http.answers.set(FEED_URL, fetchError('http-status', 'HTTP 429', 2 * 60 * MIN));
    const first = await pollFeed(FEED, undefined, deps);
    expect(first.outcome).toBe('failed');
    expect(first.error).toEqual({ kind: 'http-status', message: 'HTTP 429' });
    expect(first.state).toMatchObject({
      consecutiveFailures: 1,
      lastErrorKind: 'http-status',
      lastErrorMessage: 'HTTP 429',
      lastErrorAt: NOW.toISOString(),
      nextAttemptAt: '2026-11-22T10:00:00.000Z',
    });

    clock.current = new Date('2026-11-22T10:00:00.000Z');
    http.answers.set(FEED_URL, fetchError('timeout', 'too slow'));
    const second = await pollFeed(FEED, first.state, deps);
    expect(second.state.consecutiveFailures).toBe(2);
    expect(second.state.nextAttemptAt).toBe('2026-11-22T10:10:00.000Z');
  });

  it('does not fetch while backing off, and a success puts the feed back on schedule', async () => {
    const { http, clock, deps } = setup(rss(FULL_ITEM));
    const failing: FeedState = {
      feedId: 'harbour',
      url: FEED_URL,
      consecutiveFailures: 3,
      lastErrorKind: 'timeout',
      lastErrorMessage: 'too slow',
      nextAttemptAt: '2026-11-22T08:20:00.000Z',
    };
    const waiting = await pollFeed(FEED, failing, deps);
    expect([waiting.outcome, http.calls.length]).toEqual(['backing-off', 0]);
    expect(waiting.state).toEqual(failing);

    clock.current = new Date('2026-11-22T08:20:00.000Z');
    const recovered = await pollFeed(FEED, failing, deps);
    expect(recovered.outcome).toBe('fetched');
    expect(recovered.state.consecutiveFailures).toBe(0);
    expect(recovered.state.nextAttemptAt).toBeUndefined();
    expect(recovered.state.lastErrorKind).toBe('timeout');
  });

  it('reports a thrown value without a kind as internal', async () => {
    const { http, deps } = setup('');
    http.answers.set(FEED_URL, new TypeError('boom'));
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.error).toEqual({ kind: 'internal', message: 'TypeError: boom' });
  });

  it('doubles the backoff from 5 minutes up to a 6 hour cap', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN]);
    expect(backoffMs(8)).toBe(360 * MIN);
    expect(backoffMs(500)).toBe(360 * MIN);
  });

  it('caps an absurd Retry-After at a day', async () => {
    const { http, deps } = setup('');
    http.answers.set(FEED_URL, fetchError('http-status', 'HTTP 503', 365 * 24 * 60 * MIN));
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.state.nextAttemptAt).toBe('2026-11-23T08:00:00.000Z');
  });
});

describe('pollFeed: full text', () => {
  it('fetches the page of a teaser item and uses its main text, keeping the summary', async () => {
    const { http, archive, deps } = setup(rss(FULL_ITEM + TEASER_ITEM));
    http.answers.set(
      'https://news.example/ferries',
      ok('https://news.example/ferries', PAGE, { 'content-type': 'text/html' }),
    );
    const result = await pollFeed(FEED, undefined, deps);
    const [full, teaser] = result.items;
    expect(http.calls.map((c) => c.url)).toEqual([FEED_URL, 'https://news.example/ferries']);
    expect(full?.text).toContain('The breakwater vote passed');
    expect(teaser?.text).toBe(PAGE_PARAGRAPHS.join('\n'));
    expect(teaser?.summary).toBe('Winter crossings resume next week…');
    expect([teaser?.author, teaser?.lang]).toEqual(['Lena Holm', 'sv']);
    expect(archive.puts.map((p) => p.kind)).toEqual(['feed', 'page']);
    expect(result.pageErrors).toBeUndefined();
  });

  it('keeps the summary when the page fails, and reports it', async () => {
    const { http, deps } = setup(rss(TEASER_ITEM));
    http.answers.set('https://news.example/ferries', fetchError('blocked-address', 'not public'));
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.outcome).toBe('fetched');
    expect(result.items[0]?.text).toBe('Winter crossings resume next week…');
    expect(result.pageErrors).toEqual([
      {
        itemId: result.items[0]?.id,
        url: 'https://news.example/ferries',
        kind: 'blocked-address',
        message: 'not public',
      },
    ]);
  });

  it('skips the page of an item already stored', async () => {
    const { http, deps } = setup(rss(TEASER_ITEM));
    const result = await pollFeed(FEED, undefined, { ...deps, isKnownItem: async () => true });
    expect(http.calls).toHaveLength(1);
    expect(result.items[0]?.text).toBe('Winter crossings resume next week…');
  });

  it('fetches pages even for full-content items when the feed is configured for full text', async () => {
    const { http, deps } = setup(rss(FULL_ITEM));
    http.answers.set('https://news.example/breakwater', ok('https://news.example/breakwater', PAGE));
    const result = await pollFeed({ ...FEED, fullText: true }, undefined, deps);
    expect(http.calls.map((c) => c.url)).toEqual([FEED_URL, 'https://news.example/breakwater']);
    expect(result.items[0]?.text).toBe(PAGE_PARAGRAPHS.join('\n'));
  });

  it('keeps the feed-based content hash when the page text replaces the summary', async () => {
    const plain = setup(rss(TEASER_ITEM));
    const withoutPage = await pollFeed(FEED, undefined, { ...plain.deps, isKnownItem: async () => true });
    const fetched = setup(rss(TEASER_ITEM));
    fetched.http.answers.set('https://news.example/ferries', ok('https://news.example/ferries', PAGE));
    const withPage = await pollFeed(FEED, undefined, fetched.deps);
    expect(withPage.items[0]?.text).not.toBe(withoutPage.items[0]?.text);
    expect(withPage.items[0]?.contentHash).toBe(withoutPage.items[0]?.contentHash);
  });
});

/**
 * pollFeed with the real guarded client against a local server serving broken and hostile
 * feeds: each gives a clear per-feed outcome, and healthy feeds in the same run still yield items.
 */
import { createGzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../lambdas/adapters/http/client.ts';
import { type PollResult, pollFeed } from '../../../lambdas/core/feeds/poll.ts';
import type { FeedState } from '../../../lambdas/core/model.ts';
import type { Archive, HttpClient } from '../../../lambdas/core/ports.ts';
import { type LocalServer, startServer, zeros } from './local-server.ts';

const NOW = new Date('2026-11-22T08:00:00.000Z');
const GIB = 1024 ** 3;
const UA = 'newswatch-test/0.1 (+http://example.invalid/contact)';

function rss(title: string, items: Array<[guid: string, title: string]>): string {
  const body = items
    .map(
      ([guid, t]) =>
        `<item><guid>${guid}</guid><title>${t}</title><description>${t}, in brief.</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://news.invalid/</link>${body}</channel></rss>`;
}

const HEALTHY = rss('Harbour Post', [
  ['h1', 'Breakwater vote passes'],
  ['h2', 'Ferries return next week'],
]);
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY xxe SYSTEM "XXE_URL">
]>
<rss version="2.0"><channel><title>Entities</title>
<item><guid>e1</guid><title>Storm warning &lol2;&xxe;</title><description>Gale expected.</description></item>
</channel></rss>`;

let server: LocalServer;
let client: HttpClient;
const archived: string[] = [];
const archive: Archive = {
  put: async (kind, body) => {
    archived.push(`${kind}:${body.length}`);
    return `${kind}/${archived.length}`;
  },
};
const clock = { now: () => NOW };

beforeAll(async () => {
  server = await startServer({
    '/healthy.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(HEALTHY),
    '/malformed.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<rss><channel><title>Broken</channel>'),
    '/html.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body><h1>Home</h1></body></html>'),
    '/empty.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(),
    '/entities.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(BILLION_LAUGHS.replace('XXE_URL', server.url('/xxe'))),
    '/xxe': (_req, res) => res.writeHead(200).end('secret'),
    '/huge.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      zeros(GIB).pipe(res);
    },
    '/trickle.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(timer));
    },
    '/loop.xml': (_req, res) => res.writeHead(301, { location: '/loop-2.xml' }).end(),
    '/loop-2.xml': (_req, res) => res.writeHead(302, { location: '/loop.xml' }).end(),
    '/klingon.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=x-klingon' }).end(HEALTHY),
    '/as-html.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HEALTHY),
    '/sjis.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=Shift_JIS' })
        .end(iconv.encode(rss('東京新聞', [['j1', '防衛費の増額']]), 'Shift_JIS')),
    '/500.xml': (_req, res) => res.writeHead(500).end('internal error'),
    '/429.xml': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('slow down'),
    '/bomb.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      zeros(GIB).pipe(createGzip()).pipe(res);
    },
    '/to-metadata.xml': (_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/etag.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(HEALTHY);
    },
    '/same.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(HEALTHY),
  });
  client = createHttpClient({
    userAgent: UA,
    allowPrivate: ['127.0.0.1/32'],
    maxBytes: 1024 * 1024,
    totalTimeoutMs: 1_500,
  });
});

afterAll(() => server.close());

function poll(path: string, state?: FeedState, http: HttpClient = client): Promise<PollResult> {
  return pollFeed({ id: path, url: server.url(path) }, state, { http, archive, clock });
}

function expectFailure(result: PollResult, kind: string): void {
  expect(result.outcome).toBe('failed');
  expect(result.error?.kind).toBe(kind);
  expect(result.items).toEqual([]);
  expect(result.state.consecutiveFailures).toBe(1);
  expect(result.state.lastErrorKind).toBe(kind);
}

describe('hostile feeds, one poll each', () => {
  it('malformed XML', async () => expectFailure(await poll('/malformed.xml'), 'malformed'));

  it('an HTML page instead of a feed', async () => expectFailure(await poll('/html.xml'), 'not-a-feed'));

  it('an empty body', async () => expectFailure(await poll('/empty.xml'), 'empty'));

  it('a DOCTYPE with entity declarations: nothing expanded, nothing fetched', async () => {
    const result = await poll('/entities.xml');
    expect(result.outcome).toBe('fetched');
    expect(result.items.map((item) => item.title)).toEqual(['Storm warning']);
    expect(server.requests.some((req) => req.url === '/xxe')).toBe(false);
  });

  it('a 1 GB body stops at the cap, the connection cut', async () => {
    expectFailure(await poll('/huge.xml'), 'too-large');
    expect(await server.served('/huge.xml')).toMatchObject({ finished: false });
  });

  it('a body trickling a byte a second fails at the total timeout, the connection cut', async () => {
    expectFailure(await poll('/trickle.xml'), 'timeout');
    expect(await server.served('/trickle.xml')).toMatchObject({ finished: false });
  });

  it('a redirect loop', async () => expectFailure(await poll('/loop.xml'), 'redirect-loop'));

  it('an unknown charset', async () => expectFailure(await poll('/klingon.xml'), 'unknown-charset'));

  it('a valid feed served as text/html still parses', async () => {
    const result = await poll('/as-html.xml');
    expect(result.outcome).toBe('fetched');
    expect(result.items.map((item) => item.title)).toEqual([
      'Breakwater vote passes',
      'Ferries return next week',
    ]);
  });

  it('a Shift_JIS feed decodes from the header charset', async () => {
    const result = await poll('/sjis.xml');
    expect(result.items.map((item) => [item.outlet, item.title])).toEqual([['東京新聞', '防衛費の増額']]);
  });

  it('a 500', async () => {
    const result = await poll('/500.xml');
    expectFailure(result, 'http-status');
    expect(result.state.nextAttemptAt).toBe('2026-11-22T08:05:00.000Z');
  });

  it('a 429 whose Retry-After sets the next attempt', async () => {
    const result = await poll('/429.xml');
    expectFailure(result, 'http-status');
    expect(result.state.nextAttemptAt).toBe('2026-11-22T09:00:00.000Z');
  });

  it('a gzip bomb stops at the cap', async () => expectFailure(await poll('/bomb.xml'), 'too-large'));

  it('a client with no allowPrivate refuses 127.0.0.1', async () => {
    const strict = createHttpClient({ userAgent: UA });
    expectFailure(await poll('/healthy.xml', undefined, strict), 'blocked-address');
  });

  it('a redirect from an allowed host to 169.254.169.254 is refused', async () => {
    expectFailure(await poll('/to-metadata.xml'), 'blocked-address');
  });

  it('304 and an identical body cost no parsing and yield no items', async () => {
    const first = await poll('/etag.xml');
    expect([first.outcome, first.items.length, first.state.etag]).toEqual(['fetched', 2, '"v1"']);
    const before = archived.length;
    const again = await poll('/etag.xml', first.state);
    expect([again.outcome, again.items.length]).toEqual(['not-modified', 0]);

    const same = await poll('/same.xml');
    const repeat = await poll('/same.xml', same.state);
    expect([repeat.outcome, repeat.items.length]).toEqual(['unchanged', 0]);
    // Only the first fetch of /same.xml was archived; neither the 304 nor the repeat was.
    expect(archived.length).toBe(before + 1);
  });
});

describe('one run over many feeds', () => {
  it('healthy feeds yield their items while the broken ones fail', async () => {
    const paths = [
      '/malformed.xml',
      '/healthy.xml',
      '/huge.xml',
      '/loop.xml',
      '/429.xml',
      '/as-html.xml',
      '/bomb.xml',
    ];
    const results = await Promise.all(paths.map((path) => poll(path)));
    const outcomes = Object.fromEntries(
      paths.map((path, i) => [path, results[i]?.error?.kind ?? results[i]?.outcome]),
    );
    expect(outcomes).toEqual({
      '/malformed.xml': 'malformed',
      '/healthy.xml': 'fetched',
      '/huge.xml': 'too-large',
      '/loop.xml': 'redirect-loop',
      '/429.xml': 'http-status',
      '/as-html.xml': 'fetched',
      '/bomb.xml': 'too-large',
    });
    expect(results[1]?.items.map((item) => item.guid)).toEqual(['h1', 'h2']);
  });
});

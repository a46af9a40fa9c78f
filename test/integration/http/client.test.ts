import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../lambdas/adapters/http/client.ts';
import { FetchError } from '../../../lambdas/core/ports.ts';
import { type LocalServer, startServer, zeros } from './local-server.ts';

const UA = 'newswatch-test/0.1 (+http://example.invalid/contact)';
const LOCAL = ['127.0.0.1/32'];
const GIB = 1024 ** 3;
/** More than loopback's send and receive buffers can hold between a server and a client that stopped reading. */
const SOCKET_BUFFERS = 32 * 1024 * 1024;

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

let server: LocalServer;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = await startServer({
    '/plain': (req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`ua=${req.headers['user-agent']}`),
    '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('gzip body')),
    '/deflate': (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync('zlib body')),
    '/raw-deflate': (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync('raw deflate body')),
    '/br': (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync('brotli body')),
    '/bad-gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip'),
    '/compress': (_req, res) => res.writeHead(200, { 'content-encoding': 'compress' }).end('x'),
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Sun, 22 Nov 2026 08:00:00 GMT' }).end('fresh');
    },
    '/since': (req, res) => {
      if (req.headers['if-modified-since'] === 'Sun, 22 Nov 2026 08:00:00 GMT')
        return void res.writeHead(304).end();
      res.writeHead(200).end('fresh');
    },
    '/moved': (_req, res) => res.writeHead(301, { location: '/moved-2' }).end(),
    '/moved-2': (_req, res) => res.writeHead(308, { location: '/plain' }).end(),
    '/temp-then-moved': (_req, res) => res.writeHead(302, { location: '/moved' }).end(),
    '/moved-then-temp': (_req, res) => res.writeHead(301, { location: '/temp' }).end(),
    '/temp': (_req, res) => res.writeHead(307, { location: '/plain' }).end(),
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    '/chain': (req, res) => {
      const step = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? '0');
      res.writeHead(302, { location: `/chain?n=${step + 1}` }).end();
    },
    '/to-metadata': (_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/declared-gib': (_req, res) => {
      res.writeHead(200, { 'content-length': String(GIB) });
      zeros(GIB).pipe(res);
    },
    '/chunked-gib': (_req, res) => {
      res.writeHead(200);
      zeros(GIB).pipe(res);
    },
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      zeros(GIB).pipe(createGzip()).pipe(res);
    },
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 1000);
      res.on('close', () => clearInterval(timer));
    },
    '/429': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down'),
    '/503-date': (_req, res) =>
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
    '/500': (_req, res) => res.writeHead(500, { 'retry-after': '30' }).end('boom'),
    '/slow': (_req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200).end('ok');
      }, 80);
    },
  });
});

afterAll(() => server.close());

const local = (extra: Parameters<typeof createHttpClient>[0] | object = {}) =>
  createHttpClient({ userAgent: UA, allowPrivate: LOCAL, ...extra });
const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');

describe('createHttpClient', () => {
  it('sends the configured User-Agent and returns the body', async () => {
    const res = await local().get(server.url('/plain'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe(`ua=${UA}`);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.permanentUrl).toBeUndefined();
  });

  it.each([
    ['/gzip', 'gzip body'],
    ['/deflate', 'zlib body'],
    ['/raw-deflate', 'raw deflate body'],
    ['/br', 'brotli body'],
  ])('decodes %s', async (path, expected) => {
    expect(text((await local().get(server.url(path))).body)).toBe(expected);
  });

  it('refuses a content-encoding it cannot decode', async () => {
    expect((await fetchError(local().get(server.url('/compress')))).kind).toBe('decode');
  });

  it('reports a body that does not decompress as decode', async () => {
    expect((await fetchError(local().get(server.url('/bad-gzip')))).kind).toBe('decode');
  });

  it('passes a 304 through for a matching ETag or Last-Modified', async () => {
    const client = local();
    const fresh = await client.get(server.url('/etag'));
    expect([fresh.status, fresh.headers.etag]).toEqual([200, '"v1"']);
    const byEtag = await client.get(server.url('/etag'), { etag: '"v1"' });
    expect([byEtag.status, byEtag.body.length]).toEqual([304, 0]);
    const byDate = await client.get(server.url('/since'), { lastModified: 'Sun, 22 Nov 2026 08:00:00 GMT' });
    expect([byDate.status, byDate.body.length]).toEqual([304, 0]);
  });

  it('reports the end of a chain of permanent redirects as permanentUrl', async () => {
    const res = await local().get(server.url('/moved'));
    expect(res.url).toBe(server.url('/plain'));
    expect(res.permanentUrl).toBe(server.url('/plain'));
  });

  it('stops the permanent URL at the first temporary hop', async () => {
    expect((await local().get(server.url('/temp-then-moved'))).permanentUrl).toBeUndefined();
    const res = await local().get(server.url('/moved-then-temp'));
    expect(res.url).toBe(server.url('/plain'));
    expect(res.permanentUrl).toBe(server.url('/temp'));
  });

  it('detects a redirect loop', async () => {
    expect((await fetchError(local().get(server.url('/loop-a')))).kind).toBe('redirect-loop');
  });

  it('follows at most maxRedirects hops', async () => {
    const ok = await local({ maxRedirects: 5 }).get(server.url('/moved-then-temp'));
    expect(ok.status).toBe(200);
    const error = await fetchError(local({ maxRedirects: 5 }).get(server.url('/chain')));
    expect(error.kind).toBe('too-many-redirects');
    // The first request plus five followed redirects, and not one more.
    const chainRequests = server.requests.filter((req) => req.url?.startsWith('/chain'));
    expect(chainRequests).toHaveLength(6);
  });

  it('refuses loopback when nothing is allowed, before any request is sent', async () => {
    const before = server.requests.length;
    const error = await fetchError(createHttpClient({ userAgent: UA }).get(server.url('/plain')));
    expect(error.kind).toBe('blocked-address');
    expect(server.requests.length).toBe(before);
  });

  it('checks the address a hostname resolves to, not the name', async () => {
    const viaName = server.url('/plain').replace('127.0.0.1', 'localhost');
    const strict = createHttpClient({ userAgent: UA });
    const error = await fetchError(strict.get(viaName));
    expect(error.kind).toBe('blocked-address');
    expect(error.message).toContain('localhost resolves to 127.0.0.1');
    expect((await local().get(viaName)).status).toBe(200);
  });

  it.each([
    'http://[::1]:9/',
    'http://[::ffff:127.0.0.1]:9/',
    'http://0x7f.1:9/',
    'http://2130706433:9/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/',
  ])('refuses the literal address in %s', async (url) => {
    const error = await fetchError(createHttpClient({ userAgent: UA }).get(url));
    expect(error.kind).toBe('blocked-address');
  });

  it('re-checks the address at a redirect to the metadata service', async () => {
    const error = await fetchError(local().get(server.url('/to-metadata')));
    expect(error.kind).toBe('blocked-address');
    expect(error.message).toContain('169.254.169.254');
  });

  it('refuses a declared 1 GiB body without reading it', async () => {
    const error = await fetchError(local({ maxBytes: 1024 * 1024 }).get(server.url('/declared-gib')));
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe(`declared content-length ${GIB} exceeds 1048576 bytes`);
    expect(await server.served('/declared-gib')).toMatchObject({ finished: false });
  });

  it('stops an undeclared 1 GiB body at the cap', async () => {
    const error = await fetchError(local({ maxBytes: 1024 * 1024 }).get(server.url('/chunked-gib')));
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe('body exceeds 1048576 bytes');
    // Cut by the client: no more left the server than the cap and the socket buffers between.
    const served = await server.served('/chunked-gib');
    expect(served.finished).toBe(false);
    expect(served.bytes).toBeLessThan(SOCKET_BUFFERS + 1024 * 1024);
  });

  it('stops a gzip bomb at the decompressed cap', async () => {
    const error = await fetchError(local({ maxBytes: 1024 * 1024 }).get(server.url('/gzip-bomb')));
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('decompressed');
  });

  it('cuts a body that trickles forever with a timeout, and closes the connection', async () => {
    const error = await fetchError(local({ totalTimeoutMs: 1_500 }).get(server.url('/trickle')));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 1500 ms');
    // The trickle never ends by itself: only the client can have closed it.
    expect(await server.served('/trickle')).toMatchObject({ finished: false });
  });

  it('turns 429 Retry-After seconds into retryAfterMs', async () => {
    const error = await fetchError(local().get(server.url('/429')));
    expect([error.kind, error.status, error.retryAfterMs]).toEqual(['http-status', 429, 120_000]);
  });

  it('turns a 503 Retry-After date into retryAfterMs', async () => {
    const error = await fetchError(local().get(server.url('/503-date')));
    expect([error.kind, error.status]).toEqual(['http-status', 503]);
    // An HTTP date has one-second resolution and the clock moved on while the request ran.
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('reports other statuses without a retry hint', async () => {
    const error = await fetchError(local().get(server.url('/500')));
    expect([error.kind, error.status, error.retryAfterMs]).toEqual(['http-status', 500, undefined]);
  });

  it('reports an unparseable URL and a non-HTTP scheme as bad-url', async () => {
    expect((await fetchError(local().get('not a url'))).kind).toBe('bad-url');
    expect((await fetchError(local().get('file:///etc/passwd'))).kind).toBe('bad-url');
  });

  it('keeps at most perHostConcurrency requests in flight to one host', async () => {
    maxInFlight = 0;
    const client = local({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.get(server.url('/slow'))));
    expect(results.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(maxInFlight).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../lambdas/adapters/http/client.ts';
import { discoverFeeds } from '../../../lambdas/core/feeds/index.ts';
import { FetchError } from '../../../lambdas/core/ports.ts';
import { type Handler, type LocalServer, startServer } from './local-server.ts';

const RSS =
  '<rss version="2.0"><channel><title>Harbour Herald</title><item><title>x</title></item></channel></rss>';
const ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Herald (Atom)</title></feed>';

const send =
  (type: string, body: string): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': type }).end(body);

const page = (head: string) => send('text/html', `<html><head>${head}</head><body><p>News</p></body></html>`);

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const http = (allowPrivate = ['127.0.0.1/32']) =>
  createHttpClient({ userAgent: 'newswatch-test', allowPrivate, totalTimeoutMs: 5_000 });

describe('discoverFeeds on loopback', () => {
  it('finds the feeds a page advertises with <link rel="alternate">, confirmed by parsing', async () => {
    server = await startServer({
      '/': page(
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml">' +
          '<link rel="alternate" type="application/atom+xml" href="atom.xml">' +
          '<link rel="alternate" type="application/rss+xml" href="/broken.xml">' +
          '<link rel="alternate" hreflang="fr" href="/fr/">',
      ),
      '/rss.xml': send('application/rss+xml', RSS),
      '/atom.xml': send('application/atom+xml', ATOM),
      '/broken.xml': send('text/html', '<html><body>gone</body></html>'),
    });
    expect(await discoverFeeds(server.url('/'), http())).toEqual([
      { url: server.url('/rss.xml'), title: 'Harbour Herald', format: 'rss-2.0' },
      { url: server.url('/atom.xml'), title: 'Harbour Herald (Atom)', format: 'atom-1.0' },
    ]);
  });

  it('tries the common feed paths when the page names none', async () => {
    server = await startServer({ '/': page(''), '/feed.xml': send('application/xml', RSS) });
    const found = await discoverFeeds(server.url('/'), http());
    expect(found.map((f) => f.url)).toEqual([server.url('/feed.xml')]);
  });

  it('returns the URL itself when it already is a feed', async () => {
    server = await startServer({ '/rss.xml': send('application/rss+xml', RSS) });
    expect((await discoverFeeds(server.url('/rss.xml'), http())).map((f) => f.url)).toEqual([
      server.url('/rss.xml'),
    ]);
  });

  it('finds nothing on a page without feeds', async () => {
    server = await startServer({ '/': page('') });
    expect(await discoverFeeds(server.url('/'), http())).toEqual([]);
  });

  it('stays under the fetch guards: a private address is refused', async () => {
    server = await startServer({ '/': page('') });
    await expect(discoverFeeds(server.url('/'), http([]))).rejects.toBeInstanceOf(FetchError);
  });
});

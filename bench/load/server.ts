/**
 * A loopback feed server for the load bench and its test: `feeds` RSS 2.0 feeds of
 * `itemsPerFeed` items with their full text in content:encoded, and an HTML page per item. What it
 * serves is bench/load/corpus.ts's deterministic corpus; the corpus rides along as ground truth.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Corpus, type CorpusItem, type CorpusOptions, makeCorpus } from './corpus.ts';

export type { Corpus, CorpusItem, CorpusOptions } from './corpus.ts';

export interface LoadServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  corpus: Corpus;
  /** The feeds as a newswatch configuration lists them. */
  feeds: Array<{ id: string; url: string; outlet: string }>;
  /** Requests answered so far, by kind. */
  requests: { feed: number; page: number; other: number };
  close(): Promise<void>;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeHtml = (s: string) => escapeXml(s).replace(/"/g, '&quot;');

function rss(corpus: Corpus, feedIndex: number, baseUrl: string): string {
  const outlet = corpus.outlets[feedIndex];
  const items = (corpus.feeds[feedIndex] ?? []).map((item) => {
    const link = `${baseUrl}${item.path}`;
    const html = item.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    return `<item>
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(link)}</link>
<guid isPermaLink="true">${escapeXml(link)}</guid>
<pubDate>${new Date(item.published).toUTCString()}</pubDate>
<dc:creator>${escapeXml(item.author)}</dc:creator>
<description>${escapeXml(item.summary)}</description>
<content:encoded><![CDATA[${html}]]></content:encoded>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${escapeXml(outlet?.name ?? '')}</title>
<link>${baseUrl}/${outlet?.id}/</link>
<description>News from ${escapeXml(outlet?.name ?? '')}</description>
<language>en-gb</language>
${items.join('\n')}
</channel>
</rss>
`;
}

function page(item: CorpusItem, outlet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(item.title)} | ${escapeHtml(outlet)}</title>
<meta name="author" content="${escapeHtml(item.author)}"><meta property="article:published_time" content="${item.published}"></head>
<body><header><nav><a href="/">${escapeHtml(outlet)}</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${escapeHtml(item.title)}</h1>
${item.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article></main><footer>${escapeHtml(outlet)}</footer></body></html>`;
}

/** Starts the server on 127.0.0.1 (a free port unless given). */
export async function startLoadServer(opts: CorpusOptions & { port?: number }): Promise<LoadServer> {
  const corpus = makeCorpus(opts);
  const requests = { feed: 0, page: 0, other: 0 };
  const feedBodies = new Map<string, Buffer>();
  const pages = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const feed = feedBodies.get(path);
    const body = feed ?? pages.get(path);
    if (feed) requests.feed++;
    else if (body) requests.page++;
    else requests.other++;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': feed ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8',
        'content-length': body.length,
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  corpus.outlets.forEach((outlet, i) => {
    feedBodies.set(`/${outlet.id}/rss.xml`, Buffer.from(rss(corpus, i, baseUrl)));
    for (const item of corpus.feeds[i] ?? []) pages.set(item.path, Buffer.from(page(item, outlet.name)));
  });
  return {
    baseUrl,
    corpus,
    feeds: corpus.outlets.map((o) => ({ id: o.id, url: `${baseUrl}/${o.id}/rss.xml`, outlet: o.name })),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

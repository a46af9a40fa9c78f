/**
 * Serves the fictional outlets of samples/articles.yaml on loopback: an RSS, Atom or JSON feed
 * per outlet and an HTML page per article, wrapped in the furniture real sites add (navigation,
 * related-article sidebar, newsletter box, comments). Feeds carry ETags and answer 304, so a
 * second run exercises the conditional GET path.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const outletSchema = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(['rss', 'atom', 'json']),
  content: z.enum(['full', 'summary']),
  sidebar: z.array(z.string()).default([]),
});
const articleSchema = z.object({
  id: z.string(),
  outlet: z.string(),
  published: z.string(),
  title: z.string(),
  body: z.string(),
});
const samplesSchema = z.object({ outlets: z.array(outletSchema), articles: z.array(articleSchema) });

type Outlet = z.infer<typeof outletSchema>;
type SampleArticle = z.infer<typeof articleSchema>;
export type Samples = z.infer<typeof samplesSchema>;

const SAMPLES_FILE = new URL('../../samples/articles.yaml', import.meta.url);

export function loadSamples(file: URL | string = SAMPLES_FILE): Samples {
  return samplesSchema.parse(parseYaml(readFileSync(file, 'utf8')));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (body: string) => body.trim().split('\n').filter(Boolean);
const summaryOf = (a: SampleArticle) => paragraphs(a.body)[0] ?? a.title;
const articleHtml = (a: SampleArticle) =>
  paragraphs(a.body)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');

function feedPath(outlet: Outlet): string {
  return `/${outlet.id}/${{ rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' }[outlet.format]}`;
}

/** Feed links carry tracking parameters on purpose: canonicalisation must strip them. */
function articleUrl(base: string, a: SampleArticle): string {
  return `${base}/${a.outlet}/articles/${a.id}.html?utm_source=rss&utm_medium=feed`;
}

function rss(base: string, outlet: Outlet, items: SampleArticle[]): string {
  const entries = items.map(
    (a) => `<item><title>${esc(a.title)}</title><link>${esc(articleUrl(base, a))}</link>
<guid isPermaLink="false">${a.outlet}:${a.id}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate>
<description>${esc(summaryOf(a))}</description>${outlet.content === 'full' ? `<content:encoded><![CDATA[${articleHtml(a)}]]></content:encoded>` : ''}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${esc(outlet.name)}</title><link>${base}/${outlet.id}/</link><description>Sample outlet</description><language>en</language>
${entries.join('\n')}
</channel></rss>`;
}

function atom(base: string, outlet: Outlet, items: SampleArticle[]): string {
  const entries = items.map(
    (a) => `<entry><id>urn:newswatch-sample:${a.outlet}:${a.id}</id><title>${esc(a.title)}</title>
<link rel="alternate" href="${esc(articleUrl(base, a))}"/><published>${a.published}</published><updated>${a.published}</updated>
<summary>${esc(summaryOf(a))}</summary><content type="html">${esc(articleHtml(a))}</content></entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${esc(outlet.name)}</title><id>urn:newswatch-sample:${outlet.id}</id>
<updated>${items[0]?.published ?? new Date(0).toISOString()}</updated><link href="${base}/${outlet.id}/"/>
${entries.join('\n')}
</feed>`;
}

function jsonFeed(base: string, outlet: Outlet, items: SampleArticle[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: outlet.name,
    home_page_url: `${base}/${outlet.id}/`,
    language: 'en',
    items: items.map((a) => ({
      id: `${a.outlet}:${a.id}`,
      url: articleUrl(base, a),
      title: a.title,
      summary: summaryOf(a),
      content_html: articleHtml(a),
      date_published: a.published,
    })),
  });
}

function page(base: string, outlet: Outlet, a: SampleArticle, samples: Samples): string {
  const related = outlet.sidebar
    .map((id) => samples.articles.find((s) => s.id === id))
    .filter((s): s is SampleArticle => s !== undefined)
    .map((s) => `<li><a href="${articleUrl(base, s)}">${esc(s.title)}</a><p>${esc(summaryOf(s))}</p></li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(outlet.name)}</title>
<meta property="article:published_time" content="${a.published}"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/app">Get our app</a></nav></header>
<main><article><h1>${esc(a.title)}</h1><p class="byline">By Staff Reporter</p><time datetime="${a.published}">${a.published}</time>
${articleHtml(a)}
</article>
<aside class="newsletter"><h3>Sign up for our morning briefing</h3><p>The day's top stories from ${esc(outlet.name)}, in your inbox every morning. Enter your email address to subscribe.</p></aside>
<section class="comments"><h3>Comments (2)</h3><p>Reader42: About time something happened with this.</p><p>CoastWatcher: Who is paying for all of it?</p></section>
</main>
<aside class="related"><h3>Related Articles</h3><ul>${related}</ul></aside>
<footer><p>Download the ${esc(outlet.name)} app for iPhone and Android. © 2026 ${esc(outlet.name)}. All rights reserved.</p></footer>
</body></html>`;
}

function render(samples: Samples, base: string, path: string): { type: string; body: string } | undefined {
  for (const outlet of samples.outlets) {
    const items = samples.articles
      .filter((a) => a.outlet === outlet.id)
      .sort((x, y) => y.published.localeCompare(x.published));
    if (path === feedPath(outlet)) {
      if (outlet.format === 'json')
        return { type: 'application/feed+json', body: jsonFeed(base, outlet, items) };
      const xml = outlet.format === 'rss' ? rss(base, outlet, items) : atom(base, outlet, items);
      return { type: outlet.format === 'rss' ? 'application/rss+xml' : 'application/atom+xml', body: xml };
    }
    const article = items.find((a) => path === `/${outlet.id}/articles/${a.id}.html`);
    if (article) return { type: 'text/html; charset=utf-8', body: page(base, outlet, article, samples) };
  }
  return undefined;
}

export interface SampleServer {
  baseUrl: string;
  /** Feed URL per outlet id. */
  feeds: { id: string; name: string; url: string }[];
  stop(): Promise<void>;
}

export async function startSampleServer(
  port: number,
  samples: Samples = loadSamples(),
): Promise<SampleServer> {
  const server: Server = createServer((req, res) => {
    const base = `http://${req.headers.host}`;
    const found = render(samples, base, new URL(req.url ?? '/', base).pathname);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${createHash('sha256').update(found.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': found.type, etag }).end(found.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    feeds: samples.outlets.map((o) => ({ id: o.id, name: o.name, url: `${baseUrl}${feedPath(o)}` })),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

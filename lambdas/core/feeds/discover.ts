/**
 * Finds the feeds a site advertises, so a user can start from the page they read: the page's
 * `<link rel="alternate">` feeds, else the paths most publishing systems serve a feed at. Every
 * request goes through the caller's HttpClient, so the fetch guards (public addresses only, size
 * and time caps) apply to discovery as to polling.
 */
import { parseHTML } from 'linkedom';
import type { HttpClient } from '../ports.ts';
import { decodeBody } from './charset.ts';
import { FeedParseError } from './errors.ts';
import { parseFeed } from './parse.ts';

export interface DiscoveredFeed {
  url: string;
  title?: string;
  /** e.g. rss-2.0, atom-1.0, json-1.1. */
  format: string;
}

const FEED_TYPES = /^application\/(rss|atom|feed)\+(xml|json)$|^application\/(rdf\+)?xml$|^text\/xml$/i;
/** WordPress, Ghost, Hugo, Jekyll, Substack and friends; tried only when the page names no feed. */
const COMMON_PATHS = ['/feed', '/rss', '/feed.xml', '/rss.xml', '/atom.xml', '/index.xml', '/feed.json'];

/** The feeds at or advertised by `pageUrl`, each fetched and parsed once to confirm it is a feed. */
export async function discoverFeeds(pageUrl: string, http: HttpClient): Promise<DiscoveredFeed[]> {
  const page = await http.get(pageUrl);
  const itself = await asFeed(page.url, page.body, page.headers['content-type']);
  if (itself) return [itself];
  const { text } = decodeBody(page.body, page.headers['content-type']);
  const advertised = alternateLinks(text, page.url);
  const candidates = advertised.length > 0 ? advertised : COMMON_PATHS.map((p) => new URL(p, page.url).href);
  const found: DiscoveredFeed[] = [];
  for (const url of candidates) {
    const feed = await fetchFeed(url, http);
    if (feed && !found.some((f) => f.url === feed.url)) found.push(feed);
  }
  return found;
}

function alternateLinks(html: string, base: string): string[] {
  const { document } = parseHTML(html) as unknown as {
    document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };
  };
  const urls: string[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel~="alternate"][href]'))) {
    const type = link.getAttribute('type')?.trim() ?? '';
    if (!FEED_TYPES.test(type)) continue;
    try {
      urls.push(new URL(link.getAttribute('href') ?? '', base).href);
    } catch {
      // An href that is not a URL advertises nothing.
    }
  }
  return [...new Set(urls)];
}

/** A candidate that fails to fetch or parse is simply not a feed of this site. */
async function fetchFeed(url: string, http: HttpClient): Promise<DiscoveredFeed | undefined> {
  try {
    const res = await http.get(url);
    return await asFeed(res.url, res.body, res.headers['content-type']);
  } catch {
    return undefined;
  }
}

async function asFeed(
  url: string,
  body: Uint8Array,
  contentType: string | undefined,
): Promise<DiscoveredFeed | undefined> {
  try {
    const feed = await parseFeed(body, { url, ...(contentType ? { contentType } : {}), maxItems: 1 });
    return { url, ...(feed.title ? { title: feed.title } : {}), format: feed.format };
  } catch (error) {
    if (error instanceof FeedParseError) return undefined;
    throw error;
  }
}

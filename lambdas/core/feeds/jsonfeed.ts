import { parseDate } from './dates.ts';
import { FeedParseError } from './errors.ts';
import {
  absolutiseLinks,
  cleanAuthor,
  dropUndefined,
  firstItems,
  nonEmpty,
  plain,
  plainBlock,
  resolveLink,
  uniqueCategories,
} from './fields.ts';
import { escapeHtml } from './text.ts';
import type { ParsedFeed, RawFeedItem } from './types.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return nonEmpty(value);
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** JSON Feed 1.1 has `authors`; 1.0 had a single `author`. */
function authorOf(item: Json, feed: Json): string | undefined {
  const candidates = [item.authors, item.author, feed.authors, feed.author].flatMap((a) =>
    Array.isArray(a) ? a : [a],
  );
  const named = candidates.find((a) => isObject(a) && str(a.name));
  return isObject(named) ? cleanAuthor(str(named.name)) : undefined;
}

function jsonItem(item: Json, feed: Json, base: string): RawFeedItem {
  const text = str(item.content_text);
  const tags = Array.isArray(item.tags) ? item.tags.map(str) : [];
  return dropUndefined({
    guid: str(item.id),
    link: resolveLink(str(item.url) ?? str(item.external_url), base),
    title: plain(str(item.title)),
    summary: plainBlock(str(item.summary)),
    contentHtml:
      absolutiseLinks(str(item.content_html), base) ??
      (text ? escapeHtml(text).replace(/\n/g, '<br>') : undefined),
    author: authorOf(item, feed),
    categories: uniqueCategories(tags),
    published: parseDate(str(item.date_published)),
    updated: parseDate(str(item.date_modified)),
    lang: str(item.language),
  });
}

export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function mapJsonFeed(text: string, url: string, maxItems?: number): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError('malformed', `malformed JSON: ${(err as Error).message}`, { cause: err });
  }
  const version = isObject(doc) ? str(doc.version) : undefined;
  // Some publishers write the bare number ("1.1") instead of the version URL; `items` then confirms it.
  const match = version ? /^(?:https?:\/\/jsonfeed\.org\/version\/)?(1(?:\.\d+)?)\/?$/.exec(version) : null;
  const bare = version !== undefined && !version.includes('jsonfeed.org');
  if (!isObject(doc) || !match || (bare && !Array.isArray(doc.items))) {
    throw new FeedParseError('not-a-feed', 'JSON document is not a JSON Feed');
  }
  const base = resolveLink(str(doc.feed_url), url) ?? url;
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject) : [];
  return dropUndefined({
    format: `json-${match[1] === '1' ? '1.0' : match[1]}`,
    title: plain(str(doc.title)),
    link: resolveLink(str(doc.home_page_url), base),
    language: str(doc.language),
    ...firstItems(items, maxItems, (item) => jsonItem(item, doc, base)),
  });
}

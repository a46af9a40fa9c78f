import { createHash } from 'node:crypto';
import type { Article, FeedSpec } from '../model.ts';
import { canonicalUrl } from './canonical-url.ts';
import { htmlToText, oneLine } from './text.ts';
import { deriveTitle } from './title.ts';
import type { RawFeedItem } from './types.ts';

export interface NormaliseContext {
  feed: FeedSpec;
  feedTitle?: string;
  feedUrl: string;
  feedLanguage?: string;
  now: Date;
}

/** A published date further ahead than this is a feed error (wrong zone, typo), not a scheduled story. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Text shorter than this with no full content is treated as a teaser, worth fetching the page for. */
const SHORT_CONTENT_CHARS = 500;

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * Dates more than a day ahead of `now` are dropped (undefined), not clamped: clamping would invent a
 * publication time, while `firstSeen` already records when the item appeared.
 */
function sanePublished(raw: RawFeedItem, now: Date): string | undefined {
  const published = raw.published ?? raw.updated;
  if (published === undefined) return undefined;
  return Date.parse(published) > now.getTime() + FUTURE_TOLERANCE_MS ? undefined : published;
}

/** BCP 47 casing: language lower-case, region upper-case ("en-us" → "en-US"). */
function normaliseLang(lang: string | undefined): string | undefined {
  const parts = lang?.trim().replace(/_/g, '-').split('-').filter(Boolean) ?? [];
  const [language, ...rest] = parts;
  if (!language || !/^[a-z]{2,3}$/i.test(language)) return undefined;
  const tail = rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p : p.toLowerCase()));
  return [language.toLowerCase(), ...tail].join('-');
}

function outletName(ctx: NormaliseContext): string {
  const named = ctx.feed.outlet?.trim() || ctx.feedTitle?.trim();
  if (named) return named;
  try {
    return new URL(ctx.feedUrl).hostname.replace(/^www\./, '');
  } catch {
    // The feed URL came from config and was fetched, so this is only a guard for hand-built contexts.
    return ctx.feed.id;
  }
}

function firstLine(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Maps a parsed item to the Article the pipeline stores, clusters and tags. */
export function normaliseItem(raw: RawFeedItem, ctx: NormaliseContext): Article {
  const url = raw.link ? canonicalUrl(raw.link, ctx.feedUrl) : undefined;
  const guid = raw.guid?.trim() || undefined;
  const contentText = raw.contentHtml ? htmlToText(raw.contentHtml) : '';
  const text = contentText || raw.summary || '';
  const given = raw.title ? oneLine(raw.title) : '';
  // The id and content hash keep the key untitled items always had, so neither changes on upgrade.
  const key = given || firstLine(text, 120);
  const published = sanePublished(raw, ctx.now);
  const lang = normaliseLang(raw.lang ?? ctx.feedLanguage);
  const outlet = outletName(ctx);
  const derived = given ? undefined : deriveTitle(text, url, outlet);
  const article: Article = {
    id: hash(ctx.feed.id, guid ?? url ?? key),
    feedId: ctx.feed.id,
    title: derived?.title ?? given,
    text,
    categories: raw.categories,
    firstSeen: ctx.now.toISOString(),
    outlet,
    contentHash: hash(key, text),
  };
  if (derived) article.titleDerived = derived.from;
  if (guid) article.guid = guid;
  if (url) article.url = url;
  if (raw.summary) article.summary = raw.summary;
  if (raw.author) article.author = raw.author;
  if (published) article.published = published;
  if (lang) article.lang = lang;
  return article;
}

const TEASER_ENDING =
  /(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen|lire la suite)\s*»?\s*$/i;

/**
 * True when the feed likely carries only a teaser: no content, content no longer than the summary,
 * short content, or content that ends like a "read more" stub.
 */
export function isSummaryOnly(raw: RawFeedItem): boolean {
  if (!raw.contentHtml) return true;
  const content = htmlToText(raw.contentHtml);
  if (content.length < SHORT_CONTENT_CHARS) return true;
  if (raw.summary && content.length <= raw.summary.length) return true;
  return TEASER_ENDING.test(content) && content.length < SHORT_CONTENT_CHARS * 3;
}

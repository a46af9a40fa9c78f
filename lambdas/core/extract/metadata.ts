import type { DomDocument } from './dom.ts';

export interface PageMetadata {
  /** JSON-LD articleBody: the publisher's own copy of the text, used when the page shows too little. */
  body?: string;
  title?: string;
  byline?: string;
  published?: string;
  lang?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[property="og:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.created"]',
  'meta[name="date"]',
];
const AUTHOR_META = [
  'meta[name="author"]',
  'meta[name="parsely-author"]',
  'meta[name="sailthru.author"]',
  'meta[name="dc.creator"]',
  'meta[name="DC.creator"]',
  'meta[property="article:author"]',
];

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** ISO 8601 UTC. A timestamp without a zone is taken as UTC: outlets that omit it mostly mean it. */
function toIsoDate(value: string | undefined): string | undefined {
  const text = clean(value);
  if (!text) return undefined;
  const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const ms = Date.parse(zoneless ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** "By Jane Doe" → "Jane Doe": the prefix is the page's wording, not part of the name. */
export function cleanByline(value: string | null | undefined): string | undefined {
  return clean(value?.replace(/^\s*by\s+/i, ''));
}

function toLangTag(value: string | undefined): string | undefined {
  const text = clean(value)?.replace(/_/g, '-');
  if (!text || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(text)) return undefined;
  const [primary = '', ...rest] = text.split('-');
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join(
    '-',
  );
}

function metaContent(doc: DomDocument, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const value = clean(doc.querySelector(selector)?.getAttribute('content'));
    if (value) return value;
  }
  return undefined;
}

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArticleNode(node: { [key: string]: Json }): boolean {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
}

function findArticleNode(value: Json): { [key: string]: Json } | undefined {
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = findArticleNode(entry);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (isArticleNode(value)) return value;
  const graph = value['@graph'];
  return graph === undefined ? undefined : findArticleNode(graph);
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // Broken JSON-LD is common on real pages and only means this source of metadata is missing.
    return undefined;
  }
}

function jsonLdArticle(doc: DomDocument): { [key: string]: Json } | undefined {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const parsed = parseJson(script.textContent ?? '');
    const article = parsed === undefined ? undefined : findArticleNode(parsed);
    if (article) return article;
  }
  return undefined;
}

function authorName(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(authorName).filter((name): name is string => name !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value && isRecord(value) && typeof value.name === 'string') return clean(value.name);
  return undefined;
}

function stringField(node: { [key: string]: Json } | undefined, key: string): string | undefined {
  const value = node?.[key];
  return typeof value === 'string' ? clean(value) : undefined;
}

function notUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\//i.test(value) ? undefined : value;
}

/** Metadata the page declares about itself: JSON-LD first, then meta tags. Read before cleanup. */
export function readMetadata(doc: DomDocument): PageMetadata {
  const ld = jsonLdArticle(doc);
  const published =
    toIsoDate(stringField(ld, 'datePublished')) ??
    toIsoDate(metaContent(doc, PUBLISHED_META)) ??
    toIsoDate(clean(doc.querySelector('time[pubdate]')?.getAttribute('datetime')));
  const lang =
    toLangTag(doc.documentElement.getAttribute('lang') ?? undefined) ??
    toLangTag(
      metaContent(doc, ['meta[http-equiv="content-language"]', 'meta[http-equiv="Content-Language"]']),
    ) ??
    toLangTag(stringField(ld, 'inLanguage')) ??
    toLangTag(metaContent(doc, ['meta[property="og:locale"]']));
  const metadata: PageMetadata = {};
  const title = stringField(ld, 'headline') ?? metaContent(doc, ['meta[property="og:title"]']);
  const byline = cleanByline(authorName(ld?.author) ?? notUrl(metaContent(doc, AUTHOR_META)));
  const body = ld?.articleBody;
  if (typeof body === 'string' && body.trim()) metadata.body = body.trim();
  if (title) metadata.title = title;
  if (byline) metadata.byline = byline;
  if (published) metadata.published = published;
  if (lang) metadata.lang = lang;
  return metadata;
}

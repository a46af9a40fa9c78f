import { gunzipSync } from 'node:zlib';
import { mapAtom, mapAtomEntryDocument } from './atom.ts';
import { decodeBody } from './charset.ts';
import { scanProlog, stripDoctype } from './doctype.ts';
import { FeedParseError } from './errors.ts';
import { looksLikeJsonFeed, mapJsonFeed } from './jsonfeed.ts';
import { NS } from './ns.ts';
import { mapRss } from './rss.ts';
import type { ParsedFeed } from './types.ts';
import { parseXml, type XmlElement } from './xml.ts';

export interface ParseOptions {
  /** The feed's URL: the base for relative links when the feed gives no xml:base. */
  url: string;
  /** The HTTP Content-Type header, for its charset. */
  contentType?: string;
  /** Keep only the first N items (the rest are counted in droppedItems, not an error). */
  maxItems?: number;
}

function mapRoot(root: XmlElement, maxItems: number | undefined): ParsedFeed {
  if (root.local === 'rss' || (root.local === 'RDF' && root.ns === NS.rdf)) return mapRss(root, maxItems);
  if (root.local === 'feed') return mapAtom(root, maxItems);
  if (root.local === 'entry' && root.ns === NS.atom10) return mapAtomEntryDocument(root);
  if (root.local.toLowerCase() === 'html') throw new FeedParseError('not-a-feed', 'an HTML page, not a feed');
  throw new FeedParseError('not-a-feed', `root element <${root.name}> is not RSS, RDF or Atom`);
}

/** HTML is rarely well-formed XML, so it is recognised before the XML parser can call it malformed. */
function looksLikeHtml(text: string): boolean {
  const { rootStart } = scanProlog(text);
  return rootStart >= 0 && /^<(html|head|body)[\s>]/i.test(text.slice(rootStart, rootStart + 6));
}

const FEED_ROOT = /<(?:[\w.-]+:)?(?:rss|RDF|feed|entry)[\s>/]/i;

function rootName(text: string): string {
  const { rootStart } = scanProlog(text);
  const name = rootStart >= 0 ? /^<([^\s>/]+)/.exec(text.slice(rootStart, rootStart + 100))?.[1] : undefined;
  return name ? `root element <${name}>` : 'a document without elements';
}

const MAX_JUNK_CHARS = 4096;

/**
 * Text a server printed before the feed (a PHP notice, a stray "<br />") is skipped: an XML
 * declaration can only come first, and a body that does not start with markup may still hold a
 * feed root a little further on.
 */
function leadingJunk(text: string): number {
  const head = text.slice(0, MAX_JUNK_CHARS);
  const declaration = head.indexOf('<?xml');
  if (declaration > 0 && head.slice(0, declaration).trim() !== '') return declaration;
  if (/^\s*[<{]/.test(head)) return 0;
  const root = /<(?:[\w.-]+:)?(?:rss|RDF|feed)[\s>]/.exec(head);
  return root ? root.index : 0;
}

const EMBEDDED_FEED = /<((?:[\w.-]+:)?(?:rss|RDF|feed))[\s>]/;

/**
 * A feed inside an HTML page (an Atom feed wrapped in XHTML): the markup from the feed's start
 * tag to its last end tag, or undefined when the page holds no feed.
 */
function embeddedFeed(page: string): string | undefined {
  const start = EMBEDDED_FEED.exec(page);
  if (!start) return undefined;
  const close = `</${start[1] ?? ''}>`;
  const end = page.lastIndexOf(close);
  return end > start.index ? page.slice(start.index, end + close.length) : undefined;
}

function parseText(whole: string, url: string, maxItems: number | undefined): ParsedFeed {
  const junk = leadingJunk(whole);
  const text = junk > 0 ? whole.slice(junk) : whole;
  if (looksLikeJsonFeed(text)) return mapJsonFeed(text, url, maxItems);
  if (looksLikeHtml(text)) {
    const inner = embeddedFeed(text);
    if (inner === undefined) throw new FeedParseError('not-a-feed', 'an HTML page, not a feed');
    return recover(parseMarkup(inner, url, maxItems, true), 'the feed was read out of an HTML page');
  }
  if (!/^\s*</.test(text)) throw new FeedParseError('not-a-feed', 'neither XML nor JSON');
  // Markup without any feed element (HTML fragments, other XML) is not a feed, well-formed or not.
  if (!FEED_ROOT.test(text))
    throw new FeedParseError('not-a-feed', `${rootName(text)} is not RSS, RDF or Atom`);
  const feed = parseLeniently(text, url, maxItems);
  if (junk > 0) feed.warnings = [`${junk} characters before the feed were skipped`, ...(feed.warnings ?? [])];
  return feed;
}

/**
 * Strict first. A malformed feed is read again leniently and kept when that finds items outside
 * the XML errors; otherwise the strict error stands, so a broken feed still fails loudly.
 */
function parseLeniently(text: string, url: string, maxItems: number | undefined): ParsedFeed {
  try {
    return parseMarkup(text, url, maxItems, false);
  } catch (error) {
    if (!(error instanceof FeedParseError) || error.kind !== 'malformed') throw error;
    const feed = parseMarkup(text, url, maxItems, true);
    if (feed.items.length === 0) throw error;
    return recover(feed, `recovered from ${error.message}`);
  }
}

function recover(feed: ParsedFeed, why: string): ParsedFeed {
  return { ...feed, recovered: true, warnings: [why, ...(feed.warnings ?? [])] };
}

function parseMarkup(text: string, url: string, maxItems: number | undefined, lenient: boolean): ParsedFeed {
  const { xml, removedEntities } = stripDoctype(text);
  const { root, warnings } = parseXml(xml, url, lenient);
  const feed = mapRoot(root, maxItems);
  if (removedEntities.length > 0) {
    warnings.unshift(`DOCTYPE removed; entities never expanded: ${removedEntities.slice(0, 10).join(', ')}`);
  }
  return warnings.length > 0 ? { ...feed, warnings } : feed;
}

/**
 * A gzip file served without Content-Encoding (a feed stored as .xml.gz) is decompressed here; the
 * cap is the fetch's default body cap, so a small compressed bomb cannot fill memory.
 */
const MAX_GUNZIPPED_BYTES = 5 * 1024 * 1024;

function gunzipped(body: Uint8Array): Uint8Array {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FeedParseError(
        'too-large',
        `gzip body decompresses to more than ${MAX_GUNZIPPED_BYTES} bytes`,
      );
    }
    throw new FeedParseError('malformed', `gzip body does not decompress: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 body. Throws FeedParseError for
 * anything that is not a readable feed; never expands or fetches DTD entities.
 */
export async function parseFeed(body: Uint8Array, opts: ParseOptions): Promise<ParsedFeed> {
  if (body.byteLength === 0) throw new FeedParseError('empty', 'empty body');
  const { text } = decodeBody(gunzipped(body), opts.contentType);
  if (text.trim() === '') throw new FeedParseError('empty', 'body is only whitespace');
  return parseText(text, opts.url, opts.maxItems);
}

export { FeedParseError, type FeedParseErrorKind } from './errors.ts';
export type { ParsedFeed, RawFeedItem } from './types.ts';

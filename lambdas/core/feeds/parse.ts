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

function parseText(whole: string, url: string, maxItems: number | undefined): ParsedFeed {
  const junk = leadingJunk(whole);
  const text = junk > 0 ? whole.slice(junk) : whole;
  if (looksLikeJsonFeed(text)) return mapJsonFeed(text, url, maxItems);
  if (looksLikeHtml(text)) throw new FeedParseError('not-a-feed', 'an HTML page, not a feed');
  if (!/^\s*</.test(text)) throw new FeedParseError('not-a-feed', 'neither XML nor JSON');
  // Markup without any feed element (HTML fragments, other XML) is not a feed, well-formed or not.
  if (!FEED_ROOT.test(text))
    throw new FeedParseError('not-a-feed', `${rootName(text)} is not RSS, RDF or Atom`);
  const { xml, removedEntities } = stripDoctype(text);
  const { root, warnings } = parseXml(xml, url);
  const feed = mapRoot(root, maxItems);
  if (junk > 0) warnings.unshift(`${junk} characters before the feed were skipped`);
  if (removedEntities.length > 0) {
    warnings.unshift(`DOCTYPE removed; entities never expanded: ${removedEntities.slice(0, 10).join(', ')}`);
  }
  return warnings.length > 0 ? { ...feed, warnings } : feed;
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 body. Throws FeedParseError for
 * anything that is not a readable feed; never expands or fetches DTD entities.
 */
export async function parseFeed(body: Uint8Array, opts: ParseOptions): Promise<ParsedFeed> {
  if (body.byteLength === 0) throw new FeedParseError('empty', 'empty body');
  const { text } = decodeBody(body, opts.contentType);
  if (text.trim() === '') throw new FeedParseError('empty', 'body is only whitespace');
  return parseText(text, opts.url, opts.maxItems);
}

export { FeedParseError, type FeedParseErrorKind } from './errors.ts';
export type { ParsedFeed, RawFeedItem } from './types.ts';

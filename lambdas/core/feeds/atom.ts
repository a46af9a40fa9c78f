import { parseDate } from './dates.ts';
import { all, attr, elements, first, innerHtml, textIn, textOf } from './dom.ts';
import {
  absolutiseLinks,
  cleanAuthor,
  dropUndefined,
  firstItems,
  nonEmpty,
  resolveLink,
  uniqueCategories,
} from './fields.ts';
import { ATOM_LOOSE, NS } from './ns.ts';
import { collapse, escapeHtml, htmlToText, isControl, oneLine } from './text.ts';
import type { ParsedFeed, RawFeedItem } from './types.ts';
import type { XmlElement } from './xml.ts';

type TextKind = 'text' | 'html' | 'xhtml' | 'other';

/** Atom 1.0 names text/html/xhtml; Atom 0.3 uses MIME types plus mode="escaped|base64|xml". */
function textKind(el: XmlElement): TextKind {
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  if (type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml';
  if (type.startsWith('text/')) return 'text';
  return /[/+]xml$/.test(type) ? 'xhtml' : 'other';
}

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/**
 * RFC 4287 says other media types are base64; feeds also put plain words there. Decoding only
 * what is base64 and yields clean UTF-8 serves both.
 */
function decodeBase64Text(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return decoded.includes('\uFFFD') || decoded.split('').some(isControl) ? undefined : decoded;
}

/** Long base64 that does not decode to text is binary (an image, a file): no readable content. */
function otherContent(text: string): string {
  const decoded = decodeBase64Text(text);
  if (decoded !== undefined) return decoded;
  return BASE64.test(text) && text.length >= 64 ? '' : text;
}

function rawContent(el: XmlElement): string {
  const mode = attr(el, 'mode')?.trim().toLowerCase();
  if (mode === 'base64') return Buffer.from(textOf(el), 'base64').toString('utf8');
  if (textKind(el) === 'other') return otherContent(textOf(el).trim());
  if (mode === 'escaped') return textOf(el);
  const kids = elements(el);
  // XHTML content comes wrapped in one xhtml:div that is not part of the content.
  const only = kids.length === 1 ? kids[0] : undefined;
  if (only && only.local === 'div' && only.ns === NS.xhtml) return innerHtml(only);
  return innerHtml(el);
}

/** A text construct as HTML (undefined for out-of-line or binary content). */
function asHtml(el: XmlElement | undefined): string | undefined {
  if (!el || attr(el, 'src') !== undefined) return undefined;
  const kind = textKind(el);
  const raw = rawContent(el);
  const mode = attr(el, 'mode')?.trim().toLowerCase();
  const isMarkup = kind === 'html' || kind === 'xhtml' || mode === 'escaped' || mode === 'xml';
  return isMarkup ? absolutiseLinks(nonEmpty(raw), el.base) : nonEmpty(escapeHtml(raw));
}

/** A text construct as plain text: type="text" is taken literally, html/xhtml lose their markup. */
function asText(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const kind = textKind(el);
  const text =
    kind === 'text' && attr(el, 'mode') === undefined ? collapse(textOf(el)) : htmlToText(asHtml(el) ?? '');
  return text === '' ? undefined : text;
}

/** rel may also be written as the IANA registry IRI. */
const ALTERNATE = /^(?:alternate|http:\/\/www\.iana\.org\/assignments\/relation\/alternate)$/i;

function linkHref(parent: XmlElement): string | undefined {
  const links = all(parent, ATOM_LOOSE, 'link');
  const alternates = links.filter((l) => ALTERNATE.test(attr(l, 'rel')?.trim() ?? 'alternate'));
  const chosen = alternates.find((l) => /html/.test(attr(l, 'type') ?? 'text/html')) ?? alternates[0];
  return chosen ? resolveLink(attr(chosen, 'href') ?? attr(chosen, 'url'), chosen.base) : undefined;
}

function authorName(parent: XmlElement | undefined): string | undefined {
  const author = parent ? first(parent, ATOM_LOOSE, 'author') : undefined;
  if (!author) return undefined;
  return cleanAuthor(textIn(first(author, ATOM_LOOSE, 'name')) ?? textIn(first(author, ATOM_LOOSE, 'email')));
}

function atomEntry(entry: XmlElement, feed: XmlElement): RawFeedItem {
  const date = (local: string) => parseDate(textIn(first(entry, ATOM_LOOSE, local)));
  const content = first(entry, ATOM_LOOSE, 'content');
  const summary = first(entry, ATOM_LOOSE, 'summary');
  return dropUndefined({
    guid: textIn(first(entry, ATOM_LOOSE, 'id')),
    link: linkHref(entry),
    title: oneLineOrUndefined(asText(first(entry, ATOM_LOOSE, 'title'))),
    summary: summary ? asText(summary) : undefined,
    contentHtml: asHtml(content),
    author:
      authorName(entry) ??
      authorName(first(entry, ATOM_LOOSE, 'source')) ??
      authorName(feed) ??
      cleanAuthor(textIn(first(entry, [NS.dc], 'creator'))),
    categories: uniqueCategories([
      ...all(entry, ATOM_LOOSE, 'category').map((c) => attr(c, 'term') ?? attr(c, 'label')),
      ...all(entry, [NS.dc], 'subject').map(textIn),
    ]),
    published:
      date('published') ??
      date('issued') ??
      date('created') ??
      parseDate(textIn(first(entry, [NS.dc], 'date'))),
    updated: date('updated') ?? date('modified'),
    lang: entry.lang,
  });
}

function oneLineOrUndefined(text: string | undefined): string | undefined {
  const line = text === undefined ? '' : oneLine(text);
  return line === '' ? undefined : line;
}

/** An Atom entry document (`<entry>` as the root) read as a feed of one entry. */
export function mapAtomEntryDocument(root: XmlElement): ParsedFeed {
  return { format: 'atom-1.0-entry', items: [atomEntry(root, root)] };
}

/** Atom 1.0 and 0.3 (`<feed><entry>`). */
export function mapAtom(root: XmlElement, maxItems?: number): ParsedFeed {
  const version = root.ns === NS.atom03 || attr(root, 'version')?.trim() === '0.3' ? '0.3' : '1.0';
  return dropUndefined({
    format: `atom-${version}`,
    title: oneLineOrUndefined(asText(first(root, ATOM_LOOSE, 'title'))),
    link: linkHref(root),
    language: root.lang,
    ...firstItems(all(root, ATOM_LOOSE, 'entry'), maxItems, (entry) => atomEntry(entry, root)),
  });
}

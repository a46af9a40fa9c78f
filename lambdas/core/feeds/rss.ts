import { parseDate } from './dates.ts';
import { all, attr, first, innerHtml, textIn } from './dom.ts';
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
import { NS, RSS_CORE } from './ns.ts';
import type { ParsedFeed, RawFeedItem } from './types.ts';
import type { XmlElement } from './xml.ts';

const DC = [NS.dc] as const;

function html(el: XmlElement | undefined): string | undefined {
  return el ? absolutiseLinks(nonEmpty(innerHtml(el)), el.base) : undefined;
}

/** RSS 2.0 says a guid is a permalink unless isPermaLink="false"; only URL-shaped ones are used as links. */
function permalink(guid: XmlElement | undefined): string | undefined {
  if (!guid || attr(guid, 'isPermaLink')?.trim().toLowerCase() === 'false') return undefined;
  const value = textIn(guid);
  return value && /^https?:\/\//i.test(value) ? value : undefined;
}

function itemLink(item: XmlElement): string | undefined {
  const link = first(item, RSS_CORE, 'link');
  const atomLink = all(item, [NS.atom10], 'link').find(
    (l) => (attr(l, 'rel') ?? 'alternate') === 'alternate',
  );
  const guid = first(item, RSS_CORE, 'guid');
  if (link && textIn(link)) return resolveLink(textIn(link), link.base);
  if (atomLink) return resolveLink(attr(atomLink, 'href'), atomLink.base);
  if (guid) return resolveLink(permalink(guid), guid.base);
  const about = attr(item, 'about', NS.rdf);
  return about && /^https?:\/\//i.test(about) ? about : undefined;
}

/** Atom elements inside RSS items (atom:author, atom:published...) fill gaps the RSS elements leave. */
function atomAuthor(item: XmlElement): string | undefined {
  const author = first(item, [NS.atom10], 'author');
  return author
    ? (textIn(first(author, [NS.atom10], 'name')) ?? textIn(first(author, [NS.atom10], 'email')))
    : undefined;
}

function rssItem(item: XmlElement): RawFeedItem {
  const description = html(first(item, RSS_CORE, 'description'));
  const published =
    textIn(first(item, RSS_CORE, 'pubDate')) ??
    textIn(first(item, DC, 'date')) ??
    textIn(first(item, [NS.dcterms], 'issued')) ??
    textIn(first(item, [NS.atom10], 'published'));
  const updated =
    textIn(first(item, [NS.atom10], 'updated')) ?? textIn(first(item, [NS.dcterms], 'modified'));
  const author =
    textIn(first(item, DC, 'creator')) ??
    textIn(first(item, RSS_CORE, 'author')) ??
    textIn(first(item, [NS.itunes], 'author')) ??
    atomAuthor(item);
  const lang = textIn(first(item, DC, 'language')) ?? item.lang;
  const raw: RawFeedItem = {
    guid: textIn(first(item, RSS_CORE, 'guid')) ?? attr(item, 'about', NS.rdf),
    link: itemLink(item),
    title: plain(textIn(first(item, RSS_CORE, 'title')) ?? textIn(first(item, DC, 'title'))),
    summary: plainBlock(description),
    contentHtml: html(first(item, [NS.content], 'encoded')) ?? html(first(item, [NS.atom10], 'content')),
    author: cleanAuthor(author),
    categories: uniqueCategories([
      ...all(item, RSS_CORE, 'category').map(textIn),
      ...all(item, DC, 'subject').map(textIn),
    ]),
    published: parseDate(published),
    updated: parseDate(updated),
    lang,
  };
  return dropUndefined(raw);
}

/** RSS 0.9x and 2.0 (`<rss><channel><item>`) and RSS 1.0 / 0.90 (`<rdf:RDF><channel/><item>`). */
export function mapRss(root: XmlElement, maxItems?: number): ParsedFeed {
  const channel = first(root, RSS_CORE, 'channel');
  const isRdf = root.local === 'RDF';
  const itemParent = isRdf ? [root, ...(channel ? [channel] : [])] : channel ? [channel] : [];
  const items = itemParent.flatMap((parent) => all(parent, RSS_CORE, 'item'));
  const version = isRdf
    ? channel?.ns === NS.rss090
      ? '0.90'
      : '1.0'
    : (attr(root, 'version')?.trim() ?? '2.0');
  const linkEl = channel ? first(channel, RSS_CORE, 'link') : undefined;
  return dropUndefined({
    format: `rss-${version || '2.0'}`,
    title: channel
      ? plain(textIn(first(channel, RSS_CORE, 'title')) ?? textIn(first(channel, DC, 'title')))
      : undefined,
    link: linkEl ? resolveLink(textIn(linkEl), linkEl.base) : undefined,
    language: channel
      ? (textIn(first(channel, RSS_CORE, 'language')) ?? textIn(first(channel, DC, 'language')) ?? root.lang)
      : root.lang,
    ...firstItems(items, maxItems, rssItem),
  });
}

import sax from 'sax';
import { FeedParseError } from './errors.ts';
import { NS } from './ns.ts';

export interface XmlAttr {
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  ns: string;
  local: string;
  /** Qualified name as written, for re-serialising embedded XHTML. */
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  /** Effective xml:base (already resolved against the ancestors' and the feed URL). */
  base: string;
  /** Effective xml:lang, inherited. */
  lang?: string;
}

export type XmlNode = XmlElement | string;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Prefixes real feeds use without declaring them. sax reports an unbound prefix as its own URI;
 * mapping it to the conventional namespace keeps `<content:encoded>` readable in such feeds.
 */
const CONVENTIONAL: Record<string, string> = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xml: XML_NS,
};

/**
 * Errors sax can continue past without guessing at structure: an undeclared prefix, an unknown or
 * bare '&'. Anything else (mismatched tags, junk after the root) means the tree is not trustworthy.
 */
const TOLERATED = [
  /^Unbound namespace prefix/,
  /^Invalid character entity/,
  /^Invalid character in entity name/,
];

/** Elements that may be left open when a feed is cut short after its last complete item. */
const CONTAINERS = new Set(['rss', 'channel', 'RDF', 'feed']);

/** Outside CDATA, an '&' that starts no reference is a literal ampersand (common in feed links). */
export function escapeBareAmpersands(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g, '&amp;'),
    )
    .join('');
}

/**
 * Feeds misspell well-known namespace URIs (no trailing slash, different case). Matching on a loose
 * key maps those back to the official URI; unknown namespaces pass through unchanged.
 */
const looseKey = (uri: string): string =>
  uri
    .trim()
    .toLowerCase()
    .replace(/[/#]+$/, '');
const KNOWN = new Map(Object.values(NS).map((uri) => [looseKey(uri), uri]));

function namespaceOf(uri: string): string {
  return CONVENTIONAL[uri] ?? KNOWN.get(looseKey(uri)) ?? uri;
}

function resolveUrl(ref: string, base: string): string {
  try {
    return new URL(ref.trim(), base || undefined).href;
  } catch {
    // A base that is not a URL (or a junk xml:base) must not lose the element: keep the nearest known base.
    return base;
  }
}

function attrOf(node: sax.QualifiedTag, ns: string, local: string): string | undefined {
  for (const a of Object.values(node.attributes)) {
    if (a.local === local && namespaceOf(a.uri) === ns) return a.value;
  }
  return undefined;
}

function toElement(node: sax.QualifiedTag, parent: XmlElement | undefined, rootBase: string): XmlElement {
  const parentBase = parent?.base ?? rootBase;
  const xmlBase = attrOf(node, XML_NS, 'base');
  const lang = attrOf(node, XML_NS, 'lang') ?? parent?.lang;
  return {
    ns: namespaceOf(node.uri),
    local: node.local,
    name: node.name,
    attrs: Object.values(node.attributes).map((a) => ({
      ns: namespaceOf(a.uri),
      local: a.local,
      value: a.value,
    })),
    children: [],
    base: xmlBase === undefined ? parentBase : resolveUrl(xmlBase, parentBase),
    ...(lang ? { lang } : {}),
  };
}

/** Parses XML into a small namespace-aware tree. Never expands DTD entities (the caller strips the DOCTYPE). */
export function parseXml(xml: string, baseUrl: string): { root: XmlElement; warnings: string[] } {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: XmlElement[] = [];
  const warnings: string[] = [];
  let root: XmlElement | undefined;
  let fatal: Error | undefined;
  parser.onerror = (err) => {
    const message = err.message.split('\n')[0] ?? err.message;
    const truncatedBetweenItems =
      /^(Unclosed root tag|Unexpected end)$/.test(message) && stack.every((el) => CONTAINERS.has(el.local));
    if (fatal === undefined && !truncatedBetweenItems && !TOLERATED.some((re) => re.test(message)))
      fatal = err;
    if (warnings.length < 20) warnings.push(message);
    parser.resume();
  };
  parser.onopentag = (node) => {
    const parent = stack.at(-1);
    const el = toElement(node as sax.QualifiedTag, parent, baseUrl);
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (text: string) => stack.at(-1)?.children.push(text);
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.write(escapeBareAmpersands(xml)).close();
  if (fatal) throw new FeedParseError('malformed', `malformed XML: ${fatal.message.split('\n').join(' ')}`);
  if (!root) throw new FeedParseError('malformed', 'malformed XML: no root element');
  return { root, warnings };
}

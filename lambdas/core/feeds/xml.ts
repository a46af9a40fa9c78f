import sax from 'sax';
import { FeedParseError } from './errors.ts';
import { ROOT_SCOPE, resolvePrefix, type Scope, scopeFor, splitName, XML_NS } from './namespaces.ts';

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

/**
 * Errors sax can continue past without guessing at structure: an unknown or bare '&'. Anything else
 * (mismatched tags, junk after the root) means the tree is not trustworthy.
 */
const TOLERATED = [/^Invalid character entity/, /^Invalid character in entity name/];

/** Elements that may be left open when a feed is cut short after its last complete item. */
const CONTAINERS = new Set(['rss', 'channel', 'RDF', 'feed']);
/** What a lenient parse drops when an XML error happened inside it. */
const ITEMS = new Set(['item', 'entry']);

const BARE_AMPERSAND = /&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g;

/** Outside CDATA, an '&' that starts no reference is a literal ampersand (common in feed links). */
function escapeBareAmpersands(xml: string): string {
  if (!xml.includes('<![CDATA[')) return xml.replace(BARE_AMPERSAND, '&amp;');
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(BARE_AMPERSAND, '&amp;')))
    .join('');
}

function resolveUrl(ref: string, base: string): string {
  try {
    return new URL(ref.trim(), base || undefined).href;
  } catch {
    // A base that is not a URL (or a junk xml:base) must not lose the element: keep the nearest known base.
    return base;
  }
}

/** Attributes other than namespace declarations; an unprefixed attribute is in no namespace. */
function attributesOf(attributes: Record<string, string>, scope: Scope): XmlAttr[] {
  const attrs: XmlAttr[] = [];
  for (const name in attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [prefix, local] = splitName(name);
    attrs.push({
      ns: prefix === '' ? '' : resolvePrefix(prefix, scope),
      local,
      value: attributes[name] ?? '',
    });
  }
  return attrs;
}

function xmlAttr(attrs: XmlAttr[], local: string): string | undefined {
  return attrs.find((a) => a.local === local && a.ns === XML_NS)?.value;
}

function toElement(node: sax.Tag, parent: Open | undefined, rootBase: string): Open {
  const scope = scopeFor(node.attributes, parent?.scope ?? ROOT_SCOPE);
  const [prefix, local] = splitName(node.name);
  const attrs = attributesOf(node.attributes, scope);
  const parentBase = parent?.el.base ?? rootBase;
  const xmlBase = xmlAttr(attrs, 'base');
  const lang = xmlAttr(attrs, 'lang') ?? parent?.el.lang;
  const el: XmlElement = {
    ns: resolvePrefix(prefix, scope),
    local,
    name: node.name,
    attrs,
    children: [],
    base: xmlBase === undefined ? parentBase : resolveUrl(xmlBase, parentBase),
    ...(lang ? { lang } : {}),
  };
  return { el, scope };
}

interface Open {
  el: XmlElement;
  scope: Scope;
}

/** An item or entry that was open when a lenient parse met an error, and the element holding it. */
interface Damaged {
  el: XmlElement;
  parent: XmlElement | undefined;
}

/**
 * Parses XML into a small namespace-aware tree. Never expands DTD entities (the caller strips the
 * DOCTYPE). Strict by default: an error that leaves the structure in doubt throws. `lenient`
 * (browsers, feedparser's bozo mode) keeps the tree sax recovers and drops every item or entry
 * that was open at an error, so one stray tag costs at most the item it is in; `recovered` says
 * whether that happened.
 */
export function parseXml(
  xml: string,
  baseUrl: string,
  lenient = false,
): { root: XmlElement; warnings: string[]; recovered: boolean } {
  // Namespaces are resolved here rather than by sax's xmlns mode, which halves parsing time.
  const parser = sax.parser(true, { position: true });
  const stack: Open[] = [];
  const warnings: string[] = [];
  const damaged: Damaged[] = [];
  let root: XmlElement | undefined;
  let fatal: Error | undefined;
  parser.onerror = (err) => {
    const message = err.message.split('\n')[0] ?? err.message;
    const truncatedBetweenItems =
      /^(Unclosed root tag|Unexpected end)$/.test(message) &&
      stack.every((open) => CONTAINERS.has(open.el.local));
    if (fatal === undefined && !truncatedBetweenItems && !TOLERATED.some((re) => re.test(message)))
      fatal = err;
    if (lenient) {
      stack.forEach((open, i) => {
        if (ITEMS.has(open.el.local)) damaged.push({ el: open.el, parent: stack[i - 1]?.el });
      });
    }
    if (warnings.length < 20) warnings.push(message);
    parser.resume();
  };
  parser.onopentag = (node) => {
    const parent = stack.at(-1);
    const open = toElement(node as sax.Tag, parent, baseUrl);
    if (parent) parent.el.children.push(open.el);
    else root ??= open.el;
    stack.push(open);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (text: string) => stack.at(-1)?.el.children.push(text);
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.write(escapeBareAmpersands(xml)).close();
  if (fatal && !lenient) throw malformed(fatal);
  if (!root) throw new FeedParseError('malformed', 'malformed XML: no root element');
  dropDamaged(damaged);
  return { root, warnings, recovered: fatal !== undefined };
}

function dropDamaged(damaged: Damaged[]): void {
  for (const { el, parent } of damaged) {
    const at = parent?.children.indexOf(el) ?? -1;
    if (at >= 0) parent?.children.splice(at, 1);
  }
}

function malformed(error: Error): FeedParseError {
  return new FeedParseError('malformed', `malformed XML: ${error.message.split('\n').join(' ')}`);
}

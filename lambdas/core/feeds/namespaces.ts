import { NS } from './ns.ts';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Prefix → namespace URI in force at an element. */
export type Scope = ReadonlyMap<string, string>;

export const ROOT_SCOPE: Scope = new Map([
  ['', ''],
  ['xml', XML_NS],
]);

/**
 * Prefixes real feeds use without declaring them; mapping them to the conventional namespace keeps
 * `<content:encoded>` readable in such feeds.
 */
const CONVENTIONAL: Record<string, string> = {
  atom: NS.atom10,
  content: NS.content,
  dc: NS.dc,
  dcterms: NS.dcterms,
  media: 'http://search.yahoo.com/mrss/',
  rdf: NS.rdf,
};

const looseKey = (uri: string): string =>
  uri
    .trim()
    .toLowerCase()
    .replace(/[/#]+$/, '');
const KNOWN = new Map<string, string>(Object.values(NS).map((uri) => [looseKey(uri), uri]));
const canonical = new Map<string, string>();

/**
 * Feeds misspell well-known namespace URIs (no trailing slash, other case); those map back to the
 * official URI. Unknown namespaces pass through unchanged.
 */
function canonicalNamespace(uri: string): string {
  let known = canonical.get(uri);
  if (known === undefined) {
    known = KNOWN.get(looseKey(uri)) ?? uri;
    if (canonical.size < 1000) canonical.set(uri, known);
  }
  return known;
}

/** The element's scope: its parent's, plus its own xmlns declarations (shared when it declares none). */
export function scopeFor(attributes: Record<string, string>, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const name in attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), canonicalNamespace(attributes[name] ?? ''));
  }
  return scope ?? parent;
}

export function splitName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** Namespace of a prefix; an undeclared prefix falls back to its conventional namespace, else itself. */
export function resolvePrefix(prefix: string, scope: Scope): string {
  return scope.get(prefix) ?? CONVENTIONAL[prefix] ?? prefix;
}

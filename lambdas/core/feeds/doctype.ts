import { FeedParseError } from './errors.ts';

export interface StrippedDoctype {
  xml: string;
  /** Entities the internal subset declared; their references were removed, never expanded. */
  removedEntities: string[];
}

/** Index just past the DOCTYPE's closing '>', honouring quotes and the bracketed internal subset. */
function doctypeEnd(xml: string, start: number): number {
  let quote = '';
  let depth = 0;
  for (let i = start + 9; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      depth++;
    } else if (c === ']') {
      depth--;
    } else if (c === '>' && depth <= 0) {
      return i + 1;
    }
  }
  throw new FeedParseError('unsafe-doctype', 'DOCTYPE declaration is not terminated');
}

export interface Prolog {
  doctype?: { start: number; end: number };
  /** Index of the root element's '<', or -1 when none follows the prolog. */
  rootStart: number;
}

/** Walks the prolog (declaration, comments, processing instructions, DOCTYPE) up to the root element. */
export function scanProlog(xml: string): Prolog {
  let doctype: Prolog['doctype'];
  let i = 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i] ?? '')) i++;
    if (xml.startsWith('<?', i)) {
      const close = xml.indexOf('?>', i);
      if (close < 0) return { doctype, rootStart: -1 };
      i = close + 2;
    } else if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) return { doctype, rootStart: -1 };
      i = close + 3;
    } else if (/^<!DOCTYPE\b/i.test(xml.slice(i, i + 10))) {
      doctype = { start: i, end: doctypeEnd(xml, i) };
      i = doctype.end;
    } else {
      return { doctype, rootStart: xml[i] === '<' ? i : -1 };
    }
  }
}

/** References to declared entities are dropped outside CDATA sections (CDATA text is literal). */
function dropReferences(xml: string, names: string[]): string {
  if (names.length === 0) return xml;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  const reference = new RegExp(`&(?:${escaped.join('|')});`, 'g');
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(reference, '')))
    .join('');
}

/**
 * Removes the DOCTYPE so no parser ever sees an internal subset: declared entities (billion laughs)
 * are never expanded and external ones (XXE) never fetched. The feed still parses; the text where a
 * declared entity was referenced loses that reference.
 */
export function stripDoctype(xml: string): StrippedDoctype {
  const { doctype } = scanProlog(xml);
  if (!doctype) return { xml, removedEntities: [] };
  const declaration = xml.slice(doctype.start, doctype.end);
  const names = [...declaration.matchAll(/<!ENTITY\s+(?:%\s+)?([^\s"'%>]+)/g)].map((m) => m[1] ?? '');
  const rest = dropReferences(xml.slice(doctype.end), names.filter(Boolean));
  return { xml: xml.slice(0, doctype.start) + rest, removedEntities: names };
}

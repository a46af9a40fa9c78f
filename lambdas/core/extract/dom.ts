import { parseHTML } from 'linkedom';

/**
 * The slice of the DOM the extractor touches. The project compiles without the DOM lib (the core
 * runs in Node), so linkedom's document is typed here rather than as `any`.
 */
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  localName: string;
  id: string;
  className: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
export const COMMENT_NODE = 8;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/**
 * linkedom builds the tree as written and does not invent the <html>/<body> an HTML5 parser would:
 * without them the document has no body and Readability sees nothing. Add what is missing.
 */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const headEnd = html.search(/<\/head\s*>/i);
  if (headEnd >= 0) {
    const after = html.indexOf('>', headEnd) + 1;
    return `${html.slice(0, after)}<body>${html.slice(after).replace(/<\/html\s*>\s*$/i, '')}</body></html>`;
  }
  const htmlOpen = html.match(/<html[^>]*>/i);
  if (htmlOpen?.index !== undefined) {
    const after = htmlOpen.index + htmlOpen[0].length;
    return `${html.slice(0, after)}<body>${html.slice(after).replace(/<\/html\s*>\s*$/i, '')}</body></html>`;
  }
  return `<html><head></head><body>${html}</body></html>`;
}

export function parseDocument(html: string): DomDocument {
  return parseHTML(withBody(html)).document as DomDocument;
}

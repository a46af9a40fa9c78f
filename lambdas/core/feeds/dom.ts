import { escapeHtml } from './text.ts';
import type { XmlElement, XmlNode } from './xml.ts';

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

/** Child elements with this local name in any of the namespaces. */
export function all(el: XmlElement, namespaces: readonly string[], local: string): XmlElement[] {
  return elements(el).filter((c) => c.local === local && namespaces.includes(c.ns));
}

export function first(el: XmlElement, namespaces: readonly string[], local: string): XmlElement | undefined {
  return elements(el).find((c) => c.local === local && namespaces.includes(c.ns));
}

export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}

/** All descendant text, concatenated. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (isElement(c) ? textOf(c) : c)).join('');
}

/** Trimmed text, or undefined when there is none. */
export function textIn(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const text = textOf(el).trim();
  return text === '' ? undefined : text;
}

/** HTML elements without an end tag: `<br></br>` would read as two line breaks. */
const VOID = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

function serialise(node: XmlNode): string {
  if (!isElement(node)) return escapeHtml(node);
  const name = node.local;
  const attrs = node.attrs
    .filter((a) => a.ns === '' || a.ns === 'http://www.w3.org/1999/xhtml')
    .map((a) => ` ${a.local}="${escapeHtml(a.value).replace(/"/g, '&quot;')}"`)
    .join('');
  if (VOID.has(name) && node.children.length === 0) return `<${name}${attrs}>`;
  return `<${name}${attrs}>${node.children.map(serialise).join('')}</${name}>`;
}

/**
 * The element's content as HTML. Text-only content is already the HTML (feeds escape it or wrap it
 * in CDATA); content with child elements (inline XHTML, sloppy RSS) is serialised back to markup.
 */
export function innerHtml(el: XmlElement): string {
  if (!el.children.some(isElement)) return textOf(el);
  return el.children.map(serialise).join('');
}

import { decodeHTML } from 'entities';
import { BLOCK_ELEMENTS } from '../html/block-elements.ts';

/** Elements whose content is never reader-visible text. */
const DROPPED_OPEN = /<(script|style|noscript|template|head|svg|iframe|object)\b[^<>]*>/gi;
// Every pattern below stops at the next '<' or runs to the end, so hostile markup (thousands of
// unclosed tags or comments) costs linear time rather than a rescan from every '<'.
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^<>]*(?:>|$)|<\?[^<>]*(?:>|$)/g;
// Quoted attribute values may contain '>', so they are matched whole.
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]*)(?:[^<>"']|"[^"<]*"|'[^'<]*')*>/g;

/** Removes dropped elements with their content; an unclosed one runs to the end, as in a browser. */
function dropInvisible(html: string): string {
  let out = '';
  let from = 0;
  DROPPED_OPEN.lastIndex = 0;
  for (let m = DROPPED_OPEN.exec(html); m; m = DROPPED_OPEN.exec(html)) {
    out += `${html.slice(from, m.index)} `;
    const closing = new RegExp(`</${m[1] ?? ''}\\b[^<>]*>`, 'gi');
    closing.lastIndex = DROPPED_OPEN.lastIndex;
    const close = closing.exec(html);
    if (!close) return out;
    from = closing.lastIndex;
    DROPPED_OPEN.lastIndex = from;
  }
  return out + html.slice(from);
}

/** Plain text of an HTML fragment: tags stripped, entities decoded, whitespace collapsed, one line per block. */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return collapse(html);
  const marked = dropInvisible(html)
    .replace(COMMENT, ' ')
    .replace(TAG, (_tag, name: string) => (BLOCK_ELEMENTS.has(name.toLowerCase()) ? '\n' : ''));
  return collapse(decodeHTML(marked));
}

/** Whitespace runs become one space, blank lines disappear, lines are trimmed. */
export function collapse(text: string): string {
  return stripControls(text)
    .replace(/[\t\f\v \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split(/\s*[\r\n\u2028\u2029]+\s*/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A single-line variant for titles, authors and categories. */
export function oneLine(text: string): string {
  return collapse(text).replace(/\n/g, ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function stripControls(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charAt(i)))
      return text
        .split('')
        .filter((c) => !isControl(c))
        .join('');
  }
  return text;
}

/** C0 controls other than tab and line breaks, and DEL: never text, sometimes smuggled into feeds. */
export function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') || code === 0x7f;
}

import { htmlToText, oneLine } from './text.ts';

/** "jane@example.com (Jane Doe)", "Jane Doe (jane@example.com)" and "Jane Doe <jane@example.com>" name Jane Doe. */
export function cleanAuthor(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = oneLine(htmlToText(value));
  const parenthesised = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  const angled = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(text);
  const trailing = /^(.+?)\s*\(\s*\S+@\S+\s*\)$/.exec(text);
  const name = (parenthesised?.[1] ?? angled?.[1] ?? trailing?.[1] ?? text).trim();
  return name === '' ? undefined : name;
}

/** Plain single-line text from a value that may carry markup or entities. */
export function plain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = oneLine(htmlToText(value));
  return text === '' ? undefined : text;
}

/** Multi-line plain text (summaries). */
export function plainBlock(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = htmlToText(value);
  return text === '' ? undefined : text;
}

export function uniqueCategories(values: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const text = value === undefined ? '' : oneLine(value);
    if (text !== '') seen.add(text);
  }
  return [...seen];
}

/** An absolute URL for a link as written, or the link as written when it cannot be resolved. */
export function resolveLink(ref: string | undefined, base: string): string | undefined {
  const trimmed = ref?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base || undefined).href;
  } catch {
    return trimmed;
  }
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Records without `undefined` members, so tests and JSON output see only what the feed said. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The first `max` entries, mapped; the rest are only counted, never mapped. */
export function firstItems<T, R>(list: T[], max: number | undefined, map: (entry: T) => R) {
  const kept = max === undefined ? list : list.slice(0, max);
  const dropped = list.length - kept.length;
  return { items: kept.map(map), droppedItems: dropped > 0 ? dropped : undefined };
}

const URL_ATTRIBUTE = /(\s(?:href|src|poster)\s*=\s*)(["'])([^"'<>]*)\2/gi;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Content HTML with relative href/src made absolute against the element's base (xml:base, else the
 * feed URL), so it still points at the outlet once it is shown outside the feed.
 */
export function absolutiseLinks(html: string | undefined, base: string): string | undefined {
  if (html === undefined || !base) return html;
  return html.replace(URL_ATTRIBUTE, (whole, prefix: string, quote: string, ref: string) => {
    const trimmed = ref.trim();
    if (trimmed === '' || trimmed.startsWith('#') || HAS_SCHEME.test(trimmed)) return whole;
    const resolved = resolveLink(trimmed, base);
    return resolved === trimmed ? whole : `${prefix}${quote}${resolved}${quote}`;
  });
}

/**
 * Feed-supplied strings on their way into HTML (alert emails, the reading page): escaped as text
 * or attribute values, and a link only when it is an absolute http(s) URL — a feed can put
 * `javascript:` anywhere.
 */

/** Safe in text and in quoted attributes (either quote, and the backtick old browsers honoured). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

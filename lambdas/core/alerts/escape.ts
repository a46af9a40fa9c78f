/**
 * Every value in an alert came from a feed somebody else controls, so each one is made safe for
 * where it lands: HTML-escaped in the body, kept to one bounded line in the subject (no header
 * injection), and a link only when it is an absolute http(s) URL (a feed can put `javascript:`
 * anywhere).
 */

import { escapeHtml, safeHttpUrl } from '../html/escape.ts';

export { escapeHtml, safeHttpUrl };

const SUBJECT_MAX = 180;
/** C0 controls, DEL and the Unicode line separators: built from code points to keep them visible. */
const CONTROL_CHARS = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(31)}\\u007f\\u2028\\u2029]+`,
  'g',
);

/** One line, no control characters, bounded length. */
export function headerSafe(text: string, max = SUBJECT_MAX): string {
  const line = text.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** An anchor for a safe URL; the label alone, escaped, for anything else. */
export function link(url: string | undefined, label: string): string {
  const safe = safeHttpUrl(url);
  return safe ? `<a href="${escapeHtml(safe)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

/** `2026-10-20 08:15 UTC`: minutes are what a reader compares reports by. */
export function readableTime(iso: string | undefined): string | undefined {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? undefined : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

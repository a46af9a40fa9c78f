/** Times as readers compare reports: to the minute, in UTC, the same in the CLI and on the page. */

/** `2026-10-20 08:15 UTC`. */
export function readableTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function whenReported(item: { published?: string; firstSeen?: string }): string {
  if (item.published) return `published ${readableTime(item.published)}`;
  return item.firstSeen ? `no publish date, first seen ${readableTime(item.firstSeen)}` : 'not stored yet';
}

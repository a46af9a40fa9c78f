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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time in the two largest units a reader needs: `35 min`, `1 h 35 min`, `2 d 3 h`. */
export function readableSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const [big, bigUnit, small, smallUnit] =
    minutes < (DAY / MINUTE) * 2
      ? [Math.floor(minutes / 60), 'h', minutes % 60, 'min']
      : [Math.floor(minutes / (DAY / MINUTE)), 'd', Math.floor((minutes % (DAY / MINUTE)) / 60), 'h'];
  return small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
}

/** `3 h ago`, `2 d ago`; `in 5 min` for a time after `now` (an outlet's clock ahead of ours). */
export function relativeTime(iso: string, now: Date): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const diff = now.getTime() - ms;
  if (Math.abs(diff) < MINUTE) return 'just now';
  // One unit is enough at a glance; the exact time is a hover away.
  const coarse = readableSpan(diff).replace(/ \d+ (min|h)$/, '');
  return diff > 0 ? `${coarse} ago` : `in ${coarse}`;
}

/** Time helpers of the clusterer: an item's event time and the window around it. */
import type { TimeRange } from './port.ts';

export const DAY_MS = 86_400_000;

/**
 * Published time when usable, else first-seen time. A date more than a day ahead of ingestion is
 * a feed's mistake (or a timezone one) and would push the item out of its window.
 */
export function eventTimeOf(input: { published?: string; seenAt: string }): string {
  const seen = Date.parse(input.seenAt);
  const published = input.published === undefined ? Number.NaN : Date.parse(input.published);
  const usable = Number.isFinite(published) && !(published > seen + DAY_MS);
  return new Date(usable ? published : seen).toISOString();
}

export function windowAround(eventTime: string, days: number): TimeRange {
  const t = Date.parse(eventTime);
  return { from: new Date(t - days * DAY_MS).toISOString(), to: new Date(t + days * DAY_MS).toISOString() };
}

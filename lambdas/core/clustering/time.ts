/** An item's event time: what the clusterer's windows are measured in. */

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

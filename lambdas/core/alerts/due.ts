/** When an alert may go out: instant ones at once, digests at the next hour or UTC midnight. */
import type { AlertMode } from '../model.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A topic without `alert:` alerts at once. */
export const alertMode = (configured: AlertMode | undefined): AlertMode => configured ?? 'instant';

export function dueAt(mode: AlertMode, createdAt: Date): string {
  if (mode === 'instant') return createdAt.toISOString();
  const period = mode === 'digest hourly' ? HOUR_MS : DAY_MS;
  return new Date(Math.floor(createdAt.getTime() / period) * period + period).toISOString();
}

/**
 * What `--since` and the page's time filter accept: a duration back from now, as people say it
 * ("the last 24h"), or a date. Read here once so the CLI, the page and the HTTP API agree.
 */

export class InvalidSinceError extends Error {
  override name = 'InvalidSinceError';
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A date, optionally with a time; the form is checked first because Date.parse forgives too much. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant `value` names, as an ISO 8601 UTC string. */
export function parseSince(value: string, now: Date): string {
  const duration = /^(\d+)([mhdw])$/.exec(value.trim());
  if (duration) {
    const [, n, unit] = duration;
    return new Date(now.getTime() - Number(n) * (UNIT_MS[unit ?? ''] ?? 0)).toISOString();
  }
  const ms = ISO_DATE.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidSinceError(
      `"${value}" is not a time: use a duration back from now (30m, 24h, 7d, 2w) or a date (2026-11-01, 2026-11-01T08:00Z)`,
    );
  }
  return new Date(ms).toISOString();
}

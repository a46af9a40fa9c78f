import { FetchError } from '../../core/ports.ts';

/**
 * Retry-After is either delay-seconds or an HTTP date; anything else is ignored rather than
 * guessed at. A date in the past means "now".
 */
function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** The error for a non-2xx, non-304 final response; only 429 and 503 carry a retry hint. */
export function statusError(status: number, headers: Record<string, string>, url: string): FetchError {
  const throttled = status === 429 || status === 503;
  const retryAfterMs = throttled ? parseRetryAfter(headers['retry-after'], new Date()) : undefined;
  return new FetchError('http-status', `HTTP ${status} from ${url}`, { status, retryAfterMs });
}

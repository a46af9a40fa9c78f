/**
 * A feed's health record: what the last attempt did and when the next one may run. Failing
 * feeds back off exponentially (or as long as the server's Retry-After asks); one success puts
 * the feed back on the normal schedule.
 */
import type { FeedState } from '../model.ts';
import { FetchError, type FetchErrorKind } from '../ports.ts';
import { FeedParseError, type FeedParseErrorKind } from './errors.ts';

const BACKOFF_BASE_MS = 5 * 60 * 1000;
const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;
/** A Retry-After longer than this is treated as this: a hostile header must not disable a feed for good. */
const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

export interface FeedErrorInfo {
  kind: FetchErrorKind | FeedParseErrorKind | 'internal';
  message: string;
  retryAfterMs?: number;
}

export function initialState(feedId: string, url: string): FeedState {
  return { feedId, url, configuredUrl: url, consecutiveFailures: 0 };
}

/** True while a failed feed is waiting out its backoff. */
export function isBackingOff(state: FeedState | undefined, now: Date): boolean {
  return state?.nextAttemptAt !== undefined && Date.parse(state.nextAttemptAt) > now.getTime();
}

/** 5 min, 10, 20 … capped at 6 h, for the 1st, 2nd, 3rd … consecutive failure. */
export function backoffMs(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
}

export function recordFailure(state: FeedState, error: FeedErrorInfo, now: Date): FeedState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  const retryAfter = Math.min(error.retryAfterMs ?? 0, RETRY_AFTER_MAX_MS);
  const delay = Math.max(backoffMs(consecutiveFailures), retryAfter);
  return {
    ...state,
    consecutiveFailures,
    lastErrorAt: now.toISOString(),
    lastErrorKind: error.kind,
    lastErrorMessage: error.message,
    nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
  };
}

/** A successful attempt; the last error stays on record for `newswatch feeds`. */
export function recordSuccess(state: FeedState, now: Date): FeedState {
  const { nextAttemptAt: _cleared, ...rest } = state;
  return { ...rest, consecutiveFailures: 0, lastSuccessAt: now.toISOString() };
}

/** The kind, message and retry hint of a failed fetch or parse; anything else is 'internal'. */
export function errorInfo(error: unknown): FeedErrorInfo {
  if (error instanceof FetchError) {
    const { kind, message, retryAfterMs } = error;
    return retryAfterMs === undefined ? { kind, message } : { kind, message, retryAfterMs };
  }
  if (error instanceof FeedParseError) return { kind: error.kind, message: error.message };
  if (error instanceof Error) return { kind: 'internal', message: `${error.name}: ${error.message}` };
  return { kind: 'internal', message: String(error) };
}

export type FetchErrorKind =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'decode'
  | 'connection';

interface FetchErrorOptions {
  cause?: unknown;
  status?: number;
  retryAfterMs?: number;
}

/** Why a fetch failed. `kind` is stable and goes into the feed's health record. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly kind: FetchErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(kind: FetchErrorKind, message: string, options: FetchErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

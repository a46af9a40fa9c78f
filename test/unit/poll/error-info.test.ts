import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../lambdas/core/feeds/errors.ts';
import { errorInfo } from '../../../lambdas/core/feeds/health.ts';
import { FetchError } from '../../../lambdas/core/ports.ts';

describe("a failure's record in the feed's health", () => {
  it('keeps a fetch failure’s kind and Retry-After', () => {
    const error = new FetchError('http-status', 'HTTP 429', { status: 429, retryAfterMs: 120_000 });
    expect(errorInfo(error)).toEqual({ kind: 'http-status', message: 'HTTP 429', retryAfterMs: 120_000 });
    expect(errorInfo(new FetchError('timeout', 'too slow'))).toEqual({
      kind: 'timeout',
      message: 'too slow',
    });
  });

  it('keeps a parse failure’s kind', () => {
    expect(errorInfo(new FeedParseError('not-a-feed', 'an HTML page'))).toEqual({
      kind: 'not-a-feed',
      message: 'an HTML page',
    });
  });

  it('calls anything else internal, whatever fields it carries', () => {
    const lookalike = Object.assign(new TypeError('x is undefined'), { kind: 'timeout', retryAfterMs: 5 });
    expect(errorInfo(lookalike)).toEqual({ kind: 'internal', message: 'TypeError: x is undefined' });
    expect(errorInfo('thrown string')).toEqual({ kind: 'internal', message: 'thrown string' });
  });
});

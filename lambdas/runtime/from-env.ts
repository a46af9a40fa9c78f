/**
 * What every Lambda builds once per cold start. The adapters it builds from its environment live
 * one per module (lambda-store.ts, lambda-queue.ts, lambda-mailer.ts), so that each bundle loads
 * only the SDK clients its function uses: the scheduler, alerter and query bundles carry neither
 * the feed parser nor the article extractor, and the query bundle only the DynamoDB client.
 */
import type { Clock } from '../core/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** Runs `build` on first use and returns the same promise after, failing the same way each time. */
export function once<T>(build: () => T | Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve().then(build);
    return value;
  };
}

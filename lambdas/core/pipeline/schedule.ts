/** Which feeds a scheduled run should fetch: all, except those backing off after failures. */
import type { FeedSpec } from '../model.ts';
import type { Store } from '../ports.ts';

export async function dueFeeds(feeds: readonly FeedSpec[], store: Store, now: Date): Promise<FeedSpec[]> {
  const states = new Map((await store.listFeedStates()).map((s) => [s.feedId, s]));
  return feeds.filter((feed) => {
    const next = states.get(feed.id)?.nextAttemptAt;
    return !next || Date.parse(next) <= now.getTime();
  });
}

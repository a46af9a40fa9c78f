/**
 * One feed, one run: poll it, ingest what is new, then record its state. The feed's new ETag and
 * body hash are written only after every item is ingested, so a run that fails half-way is
 * retried against the same body instead of finding it "unchanged" and dropping the rest.
 */
import { type PollResult, pollFeed } from '../feeds/poll.ts';
import type { FeedSpec } from '../model.ts';
import type { Archive, HttpClient } from '../ports.ts';
import { type IngestDeps, type ItemOutcome, ingestItem } from './ingest.ts';

export interface RunFeedDeps extends IngestDeps {
  http: HttpClient;
  archive: Archive;
  maxItemsPerFeed: number;
}

export interface FeedRunReport {
  feedId: string;
  outcome: PollResult['outcome'];
  error?: { kind: string; message: string };
  /** Article pages that could not be fetched: those items kept their feed summary. */
  pageErrors: NonNullable<PollResult['pageErrors']>;
  items: ItemOutcome[];
}

export async function runFeed(feed: FeedSpec, deps: RunFeedDeps): Promise<FeedRunReport> {
  const { store } = deps;
  const previous = await store.getFeedState(feed.id);
  const polled = await pollFeed(feed, previous, {
    http: deps.http,
    archive: deps.archive,
    clock: deps.clock,
    maxItems: deps.maxItemsPerFeed,
    isKnownItem: async (item) => (await store.getItem(item.id)) !== undefined,
  });
  const items: ItemOutcome[] = [];
  for (const item of polled.items) items.push(await ingestItem(item, deps));
  await store.putFeedState(polled.state);
  return {
    feedId: feed.id,
    outcome: polled.outcome,
    error: polled.error,
    pageErrors: polled.pageErrors ?? [],
    items,
  };
}

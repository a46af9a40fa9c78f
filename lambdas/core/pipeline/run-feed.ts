/**
 * One feed, one run: poll it, admit what is new and queue it for the story stage, then record the
 * feed's state. The new ETag and body hash are written only after every new item is queued, so a
 * run that fails half-way is retried against the same body instead of finding it "unchanged" and
 * dropping the rest.
 */
import { type PollResult, pollFeed } from '../feeds/poll.ts';
import type { FeedSpec } from '../model.ts';
import type { Archive, Clock, HttpClient, Store, WorkQueue } from '../ports.ts';
import { type AdmitOutcome, admitItem } from './admit.ts';

export interface RunFeedDeps {
  store: Store;
  archive: Archive;
  http: HttpClient;
  clock: Clock;
  queue: WorkQueue;
  maxItemsPerFeed: number;
}

export interface FeedRunReport {
  feedId: string;
  outcome: PollResult['outcome'];
  error?: { kind: string; message: string };
  /** Article pages that could not be fetched: those items kept their feed summary. */
  pageErrors: NonNullable<PollResult['pageErrors']>;
  items: AdmitOutcome[];
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
  const items: AdmitOutcome[] = [];
  for (const item of polled.items) items.push(await admitItem(item, deps));
  await deps.queue.sendItems(items.flatMap((o) => (o.kind === 'queued' ? [o.item] : [])));
  await store.putFeedState(polled.state);
  return {
    feedId: feed.id,
    outcome: polled.outcome,
    error: polled.error,
    pageErrors: polled.pageErrors ?? [],
    items,
  };
}

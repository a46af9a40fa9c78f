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

/** Item reads remembered for one poll: whether to fetch a page and whether to admit ask the same. */
function rememberingItems(store: Store): Store {
  const read = new Map<string, ReturnType<Store['getItem']>>();
  return {
    ...store,
    getItem(itemId) {
      const known = read.get(itemId) ?? store.getItem(itemId);
      read.set(itemId, known);
      return known;
    },
  };
}

export async function runFeed(feed: FeedSpec, deps: RunFeedDeps): Promise<FeedRunReport> {
  const store = rememberingItems(deps.store);
  const previous = await store.getFeedState(feed.id);
  const polled = await pollFeed(feed, previous, {
    http: deps.http,
    archive: deps.archive,
    clock: deps.clock,
    maxItems: deps.maxItemsPerFeed,
    isKnownItem: async (item) => (await store.getItem(item.id)) !== undefined,
  });
  const items: AdmitOutcome[] = [];
  for (const item of polled.items) items.push(await admitItem(item, { store, archive: deps.archive }));
  await deps.queue.sendItems(items.flatMap((o) => (o.kind === 'queued' ? [o.item] : [])));
  // Kept with the feed's health so pages name the outlet, not the configuration's feed id.
  const outlet = polled.items[0]?.outlet ?? previous?.outlet;
  await store.putFeedState(outlet ? { ...polled.state, outlet } : polled.state);
  return {
    feedId: feed.id,
    outcome: polled.outcome,
    error: polled.error,
    pageErrors: polled.pageErrors ?? [],
    items,
  };
}

/**
 * The story stage: the one place items are assigned to stories. It runs one batch at a time (an
 * SQS FIFO queue with one message group in AWS, the local runner's queue locally), holds the open
 * window of stories in memory, and writes what it decided in a handful of requests per item:
 * story records whole (it is their only writer), items, first matches and alert intents in batch
 * writes.
 *
 * Crash safety comes from order, not from leases. A batch's changes are journalled (journal.ts)
 * before any record is written, with the records, alerts and follow-ups it owes; a stage that
 * starts, or failed before journalling, rebuilds its state from the snapshot and the batches
 * since, and pays the last batch's debt again. Every item is decided once, by one writer, from the
 * same state whatever crashed before: a retry cannot found a second story for it, nor a second
 * alert. A second instance on the same journal loses the race for the next entry's key, reloads
 * and goes on from what the winner wrote.
 */

import { type FollowUps, payFollowUps } from '../alerts/follow-up.ts';
import { createStoryEngine, type EngineOptions } from '../clustering/index.ts';
import type { AlertKey, ParkedItem, QueuedItem } from '../model.ts';
import type { Clock, Store } from '../ports.ts';
import type { TopicMatcher } from '../topics/index.ts';
import { type AssignedItem, assignBatch, ItemAssignmentError } from './batch.ts';

export type { AssignedItem } from './batch.ts';

import { type StageDebt, StageFencedError, type StageJournal } from './journal.ts';
import { noteBatch } from './segments.ts';
import { evict, loadWindow, type Window, writeSnapshot } from './window.ts';

export interface StageDeps {
  store: Store;
  journal: StageJournal;
  topics: TopicMatcher;
  clock: Clock;
  followUps?: FollowUps;
  options?: Partial<EngineOptions>;
  /** Items folded into the journal between snapshots. */
  snapshotEvery?: number;
}

export interface StageReport {
  assigned: AssignedItem[];
  /** Items set aside: the batch went on without them. */
  parked: ParkedItem[];
  /** Items the stage had already assigned (a redelivery): nothing was decided again. */
  repeated: string[];
  /** Instant alerts this batch created, for the alert queue. */
  alertsQueued: AlertKey[];
}

export interface StoryStage {
  process(items: readonly QueuedItem[]): Promise<StageReport>;
}

/**
 * Chosen so a local run's snapshot is written every few batches and a cold Lambda replays at most
 * a few hundred journal entries (SQS FIFO batches hold at most 10 items).
 */
const SNAPSHOT_EVERY_ITEMS = 2_000;
/**
 * And at least hourly while items arrive, so the batches a restart replays are recent: the
 * bucket's lifecycle rule (lib/newswatch-stack.ts) may drop batches a month old.
 */
const SNAPSHOT_EVERY_MS = 3_600_000;

export function createStoryStage(deps: StageDeps): StoryStage {
  /** Names this instance's snapshot parts (window.ts partKey). */
  const writer = globalThis.crypto.randomUUID().slice(0, 8);
  let window: Window | undefined;
  /** What the last journalled batch owes, not yet known paid: paid before anything else. */
  let debt: StageDebt | undefined;
  let sinceSnapshot = 0;
  let snapshotAt = 0;

  async function ready(): Promise<Window> {
    if (window) return window;
    const loaded = await loadWindow(deps.journal, deps.options);
    window = loaded.window;
    debt = loaded.unpaid;
    sinceSnapshot = loaded.replayedItems;
    snapshotAt = loaded.snapshotAt;
    return window;
  }

  /**
   * Writes a batch's records and returns the alerts it queues. `again` after a crash: what was
   * queued before may not have been, and the alerter's claim sends each alert once.
   */
  async function pay(owed: StageDebt, again = false): Promise<AlertKey[]> {
    const { alerts, followUps, ...records } = owed;
    await deps.store.putStageRecords(records);
    for (const intent of records.intents) await deps.store.createAlertIntent(intent);
    const now = deps.clock.now().toISOString();
    return [...alerts, ...(await payFollowUps(deps.store, followUps, now, { again }))];
  }

  async function snapshotIfDue(w: Window, added: number): Promise<void> {
    sinceSnapshot += added;
    const now = deps.clock.now().getTime();
    const due =
      sinceSnapshot >= (deps.snapshotEvery ?? SNAPSHOT_EVERY_ITEMS) ||
      (sinceSnapshot > 0 && now - snapshotAt >= SNAPSHOT_EVERY_MS);
    if (!due) return;
    try {
      await writeSnapshot(deps.journal, w, new Date(now).toISOString(), writer);
    } catch (err) {
      // The batch is journalled and paid: only this instance's memory is in doubt.
      window = undefined;
      if (!(err instanceof StageFencedError)) throw err;
      return;
    }
    sinceSnapshot = 0;
    snapshotAt = now;
  }

  /** Batches run one after another even if a caller overlaps them: the stage is one writer. */
  let queue: Promise<unknown> = Promise.resolve();

  async function processBatch(items: readonly QueuedItem[], fenced = false): Promise<StageReport> {
    const w = await ready();
    const repaid = debt ? await pay(debt, true) : [];
    debt = undefined;
    evict(w);
    let outcome: Awaited<ReturnType<typeof assignBatch>>;
    try {
      outcome = await assignBatch(w, items, {
        ...deps,
        engine: createStoryEngine(w.index, deps.options),
      });
      if (outcome.batch) await deps.journal.writeBatch(outcome.batch);
    } catch (err) {
      // Memory may hold half a batch that never reached the journal: rebuild from what did.
      window = undefined;
      // Another instance wrote this entry: go on from its state, once.
      if (err instanceof StageFencedError && !fenced) return processBatch(items, true);
      if (err instanceof ItemAssignmentError) return parkAndGoOn(err, items);
      throw err;
    }
    if (!outcome.batch) return { assigned: [], parked: [], repeated: outcome.repeated, alertsQueued: repaid };
    w.seq = outcome.batch.seq;
    noteBatch(w.dirty, outcome.batch);
    debt = outcome.batch.records;
    const alertsQueued = await pay(outcome.batch.records);
    debt = undefined;
    await snapshotIfDue(w, outcome.assigned.length);
    return {
      assigned: outcome.assigned,
      parked: [],
      repeated: outcome.repeated,
      alertsQueued: [...repaid, ...alertsQueued],
    };
  }

  /**
   * One item failed: it is stored aside with why, and the batch runs again without it. A store
   * that fails here fails the batch, which SQS redelivers: nothing is lost either way.
   */
  async function parkAndGoOn(err: ItemAssignmentError, items: readonly QueuedItem[]): Promise<StageReport> {
    const cause = err.cause as Error | undefined;
    const parked: ParkedItem = {
      item: err.item,
      reason: 'the story stage could not assign it',
      error: `${cause?.name ?? 'Error'}: ${cause?.message ?? String(err.cause)}`,
      parkedAt: deps.clock.now().toISOString(),
    };
    await deps.store.parkItem(parked);
    // The window reloads, and with it the debt this attempt paid: the rest's report queues it.
    const rest = await processBatch(items.filter((i) => i.id !== err.item.id));
    return { ...rest, parked: [parked, ...rest.parked] };
  }

  return {
    process(items) {
      const run = queue.then(() => processBatch(items));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * The story stage: the one place items are assigned to stories. It runs one batch at a time (an
 * SQS FIFO queue with one message group in AWS, the local runner's queue locally), holds the open
 * window of stories in memory, and writes what it decided in a handful of requests per item:
 * story records whole (it is their only writer), items, first matches and alert intents in batch
 * writes.
 *
 * Crash safety comes from order, not from leases. A batch's changes are journalled (journal.ts)
 * before any record is written; a stage that starts, or failed before journalling, rebuilds its
 * state from the snapshot and the batches since, and pays the last batch's records again. Every
 * item is decided once, by one writer, from the same state whatever crashed before: a retry
 * cannot found a second story for it, nor a second alert.
 */

import type { FollowUps } from '../alerts/follow-up.ts';
import { createStoryEngine, type EngineOptions } from '../clustering/index.ts';
import type { AlertKey, QueuedItem } from '../model.ts';
import type { Clock, Store } from '../ports.ts';
import type { TopicMatcher } from '../topics/index.ts';
import { type AssignedItem, assignBatch } from './batch.ts';

export type { AssignedItem } from './batch.ts';

import type { StageJournal, StageRecords } from './journal.ts';
import { followUpsFor } from './owed.ts';
import { evict, loadWindow, snapshotOf, type Window } from './window.ts';

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
  let window: Window | undefined;
  /** Records journalled but not yet known written: paid before anything else. */
  let debt: StageRecords | undefined;
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

  async function pay(records: StageRecords): Promise<void> {
    await deps.store.putStageRecords(records);
    for (const intent of records.intents) await deps.store.createAlertIntent(intent);
  }

  async function snapshotIfDue(w: Window, added: number): Promise<void> {
    sinceSnapshot += added;
    const now = deps.clock.now().getTime();
    const due =
      sinceSnapshot >= (deps.snapshotEvery ?? SNAPSHOT_EVERY_ITEMS) ||
      (sinceSnapshot > 0 && now - snapshotAt >= SNAPSHOT_EVERY_MS);
    if (!due) return;
    evict(w, true);
    await deps.journal.writeSnapshot(snapshotOf(w, new Date(now).toISOString()));
    sinceSnapshot = 0;
    snapshotAt = now;
  }

  /** Batches run one after another even if a caller overlaps them: the stage is one writer. */
  let queue: Promise<unknown> = Promise.resolve();

  async function processBatch(items: readonly QueuedItem[]): Promise<StageReport> {
    const w = await ready();
    if (debt) {
      await pay(debt);
      debt = undefined;
    }
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
      throw err;
    }
    if (!outcome.batch) return { assigned: [], repeated: outcome.repeated, alertsQueued: [] };
    w.seq = outcome.batch.seq;
    debt = outcome.batch.records;
    await pay(outcome.batch.records);
    debt = undefined;
    const followUps = await followUpsFor(w, outcome.touched, deps);
    await snapshotIfDue(w, outcome.assigned.length);
    return {
      assigned: outcome.assigned,
      repeated: outcome.repeated,
      alertsQueued: [...outcome.alertsQueued, ...followUps],
    };
  }

  return {
    process(items) {
      const run = queue.then(() => processBatch(items));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

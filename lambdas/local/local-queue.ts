/**
 * The WorkQueue port on this machine. Feed ids and alert keys live in memory: losing them to a
 * stopped run loses nothing (due feeds are polled again, pending alerts are swept). Items bound
 * for the story stage do not: the fetcher records a feed as read once its items are queued, so
 * they are kept in the data folder, as SQS keeps them in AWS, until the stage has taken them.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertKey, QueuedItem } from '../core/model.ts';
import type { WorkQueue } from '../core/ports.ts';

export interface ItemBatch {
  items: QueuedItem[];
  /** Removes the batch's files: call once the stage has taken the items. */
  ack(): void;
}

export interface LocalQueue extends WorkQueue {
  drainFeeds(): string[];
  drainAlerts(): AlertKey[];
  /**
   * Every item queued and not yet acknowledged, this run's or a stopped one's, in the order queued:
   * whole sends of at least `size` items at a time, read only when reached, so a run's whole queue
   * is never in memory at once.
   */
  pendingBatches(size: number): Generator<ItemBatch>;
}

export function createLocalQueue(dataDir: string): LocalQueue {
  const dir = join(dataDir, 'queue', 'items');
  mkdirSync(dir, { recursive: true });
  const queued = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as QueuedItem[];
  const acknowledge = (files: readonly string[]) => {
    for (const f of files) rmSync(join(dir, f), { force: true });
  };
  let feeds: string[] = [];
  let alerts: AlertKey[] = [];
  let sent = 0;
  return {
    async sendFeeds(ids) {
      feeds.push(...ids);
    },
    async sendAlerts(keys) {
      alerts.push(...keys);
    },
    async sendItems(items) {
      if (items.length === 0) return;
      // Written aside and renamed: a stop mid-write leaves no half file for the next run to read.
      const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${String(sent++).padStart(8, '0')}.json`;
      writeFileSync(join(dir, `${name}.tmp`), JSON.stringify(items));
      renameSync(join(dir, `${name}.tmp`), join(dir, name));
    },
    drainFeeds() {
      const out = feeds;
      feeds = [];
      return out;
    },
    drainAlerts() {
      const out = alerts;
      alerts = [];
      return out;
    },
    *pendingBatches(size) {
      let files: string[] = [];
      let items: QueuedItem[] = [];
      for (const file of queued()) {
        files.push(file);
        items.push(...read(file));
        if (items.length < size) continue;
        yield { items, ack: () => acknowledge(files) };
        files = [];
        items = [];
      }
      if (files.length > 0) yield { items, ack: () => acknowledge(files) };
    },
  };
}

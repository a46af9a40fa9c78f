/** The WorkQueue port in process: the local runner drains it into the next handler's event. */
import type { WorkQueue } from '../core/ports.ts';

export interface MemoryQueue extends WorkQueue {
  drainFeeds(): string[];
  drainAlerts(): { storyId: string; topic: string }[];
}

export function createMemoryQueue(): MemoryQueue {
  let feeds: string[] = [];
  let alerts: { storyId: string; topic: string }[] = [];
  return {
    async sendFeeds(ids) {
      feeds.push(...ids);
    },
    async sendAlerts(keys) {
      alerts.push(...keys);
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
  };
}

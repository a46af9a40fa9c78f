/** The cluster index in process memory: the CLI, the local runner, tests and the bench. */
import type { Membership } from '../model.ts';
import type { ClusterIndex, Frequencies, IndexedItem, StoryVector, TimeRange } from './port.ts';

interface Posting {
  eventTime: string;
  itemId: string;
}

export function createMemoryClusterIndex(): ClusterIndex {
  const items = new Map<string, IndexedItem>();
  const postings = new Map<string, Posting[]>();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const claims = new Map<string, { holder: string; expiresAt: number }>();
  const stories = new Map<string, StoryVector>();

  return {
    async getItems(itemIds) {
      // Records are replaced, never mutated, so handing out the stored object is safe and cheap.
      return itemIds.flatMap((id) => {
        const item = items.get(id);
        return item ? [item] : [];
      });
    },

    async frequencies(features, days): Promise<Frequencies> {
      const total = days.reduce((sum, day) => sum + (totals.get(day) ?? 0), 0);
      const byDay = days.flatMap((day) => counts.get(day) ?? []);
      const df = features.map((f) => byDay.reduce((sum, day) => sum + (day.get(f) ?? 0), 0));
      return { total, df };
    },

    async postings(keys, range: TimeRange, limit) {
      return keys.map((key) => newestInRange(postings.get(key) ?? [], range, limit));
    },

    async add(item, { postingKeys, counted, day }) {
      if (items.has(item.itemId)) return;
      items.set(item.itemId, { ...item });
      for (const key of postingKeys)
        insertSorted(postings, key, { eventTime: item.eventTime, itemId: item.itemId });
      totals.set(day, (totals.get(day) ?? 0) + 1);
      const dayCounts = counts.get(day) ?? new Map<string, number>();
      counts.set(day, dayCounts);
      for (const f of counted) dayCounts.set(f, (dayCounts.get(f) ?? 0) + 1);
    },

    async claim(key, itemId, expiresAt) {
      const held = claims.get(key);
      if (held && held.expiresAt >= Date.now() / 1000) return held.holder;
      claims.set(key, { holder: itemId, expiresAt });
      return itemId;
    },

    async getStories(storyIds) {
      return storyIds.flatMap((id) => {
        const story = stories.get(id);
        return story ? [story] : [];
      });
    },

    async putStory(story) {
      if ((stories.get(story.storyId)?.version ?? 0) !== story.version - 1) return false;
      stories.set(story.storyId, { ...story });
      return true;
    },

    async settle(itemId, membership: Membership) {
      const item = items.get(itemId);
      if (!item) return;
      items.set(itemId, { ...item, state: 'final', storyId: membership.storyId, membership });
    },
  };
}

/** Keeps each posting list sorted by event time so a range read is a binary search plus a slice. */
function insertSorted(postings: Map<string, Posting[]>, key: string, posting: Posting): void {
  const list = postings.get(key) ?? [];
  if (list.length === 0) postings.set(key, list);
  let i = list.length;
  while (i > 0 && (list[i - 1]?.eventTime ?? '') > posting.eventTime) i--;
  list.splice(i, 0, posting);
}

function newestInRange(list: readonly Posting[], range: TimeRange, limit: number): string[] {
  let hi = upperBound(list, range.to);
  const ids: string[] = [];
  while (hi > 0 && ids.length < limit) {
    hi--;
    const p = list[hi];
    if (!p || p.eventTime < range.from) break;
    ids.push(p.itemId);
  }
  return ids;
}

function upperBound(list: readonly Posting[], time: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.eventTime ?? '') <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

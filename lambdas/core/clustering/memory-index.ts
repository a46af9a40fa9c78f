/** The cluster index in process memory: the CLI, the local runner, tests and the bench. */
import type { Membership } from '../model.ts';
import type { ClusterIndex, Frequencies, IndexedItem, Placement, StoryVector, TimeRange } from './port.ts';

interface Posting {
  eventTime: string;
  itemId: string;
}

export function createMemoryClusterIndex(): ClusterIndex {
  return new MemoryClusterIndex();
}

/**
 * A class rather than an object of closures: each new index's closures were new call targets,
 * so V8 threw away the clusterer's optimised code whenever a bench or eval started an index.
 */
class MemoryClusterIndex implements ClusterIndex {
  private readonly items = new Map<string, IndexedItem>();
  private readonly postingLists = new Map<string, Posting[]>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly claims = new Map<string, { holder: string; expiresAt: number }>();
  private readonly stories = new Map<string, StoryVector>();

  async getItems(itemIds: readonly string[]): Promise<IndexedItem[]> {
    // Records are replaced, never mutated, so handing out the stored object is safe and cheap.
    const found: IndexedItem[] = [];
    for (const id of itemIds) {
      const item = this.items.get(id);
      if (item) found.push(item);
    }
    return found;
  }

  async frequencies(features: readonly string[], days: readonly string[]): Promise<Frequencies> {
    let total = 0;
    const byDay: Map<string, number>[] = [];
    for (const day of days) {
      total += this.totals.get(day) ?? 0;
      const dayCounts = this.counts.get(day);
      if (dayCounts) byDay.push(dayCounts);
    }
    const df: number[] = [];
    for (const f of features) {
      let sum = 0;
      for (const dayCounts of byDay) sum += dayCounts.get(f) ?? 0;
      df.push(sum);
    }
    return { total, df };
  }

  async postings(keys: readonly string[], range: TimeRange, limit: number): Promise<string[][]> {
    const lists: string[][] = [];
    for (const key of keys) lists.push(newestInRange(this.postingLists.get(key) ?? [], range, limit));
    return lists;
  }

  async add(item: IndexedItem, { postingKeys, counted, day }: Placement): Promise<void> {
    if (this.items.has(item.itemId)) return;
    this.items.set(item.itemId, { ...item });
    for (const key of postingKeys)
      insertSorted(this.postingLists, key, { eventTime: item.eventTime, itemId: item.itemId });
    this.totals.set(day, (this.totals.get(day) ?? 0) + 1);
    const dayCounts = this.counts.get(day) ?? new Map<string, number>();
    this.counts.set(day, dayCounts);
    for (const f of counted) dayCounts.set(f, (dayCounts.get(f) ?? 0) + 1);
  }

  async claim(key: string, itemId: string, expiresAt: number): Promise<string> {
    const held = this.claims.get(key);
    if (held && held.expiresAt >= Date.now() / 1000) return held.holder;
    this.claims.set(key, { holder: itemId, expiresAt });
    return itemId;
  }

  async getStories(storyIds: readonly string[]): Promise<StoryVector[]> {
    const found: StoryVector[] = [];
    for (const id of storyIds) {
      const story = this.stories.get(id);
      if (story) found.push(story);
    }
    return found;
  }

  async putStory(story: StoryVector): Promise<boolean> {
    if ((this.stories.get(story.storyId)?.version ?? 0) !== story.version - 1) return false;
    this.stories.set(story.storyId, { ...story });
    return true;
  }

  async settle(itemId: string, membership: Membership): Promise<void> {
    const item = this.items.get(itemId);
    if (!item) return;
    this.items.set(itemId, { ...item, state: 'final', storyId: membership.storyId, membership });
  }
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

/** The cluster index in process memory: the CLI, the local runner, tests and the bench. */
import type { Membership } from '../model.ts';
import type { Clock } from '../ports.ts';
import type { ClusterIndex, Frequencies, IndexedItem, Placement, StoryVector, TimeRange } from './port.ts';

interface Posting {
  eventTime: string;
  itemId: string;
}

/** Everything the index holds, as plain data: what a story stage snapshots and restores. */
export interface MemoryIndexState {
  items: IndexedItem[];
  postings: [string, Posting[]][];
  counts: [string, [string, number][]][];
  totals: [string, number][];
  claims: [string, { holder: string; expiresAt: number }][];
  stories: StoryVector[];
}

/** A change the index accepted: what a story stage logs, and replays to rebuild the index. */
export type IndexChange =
  | { op: 'add'; item: IndexedItem; placement: Placement }
  | { op: 'claim'; key: string; holder: string; expiresAt: number }
  | { op: 'story'; story: StoryVector }
  | { op: 'settle'; itemId: string; membership: Membership };

/** `clock` tells when a claim has expired, as a store's TTL would: the engine's clock, in a stage. */
export function createMemoryClusterIndex(state?: MemoryIndexState, clock?: Clock): MemoryClusterIndex {
  return new MemoryClusterIndex(state, clock);
}

/**
 * A class rather than an object of closures: each new index's closures were new call targets,
 * so V8 threw away the clusterer's optimised code whenever a bench or eval started an index.
 */
export class MemoryClusterIndex implements ClusterIndex {
  private readonly items: Map<string, IndexedItem>;
  private readonly postingLists: Map<string, Posting[]>;
  private readonly counts: Map<string, Map<string, number>>;
  private readonly totals: Map<string, number>;
  private readonly claims: Map<string, { holder: string; expiresAt: number }>;
  private readonly stories: Map<string, StoryVector>;

  constructor(
    state?: MemoryIndexState,
    private readonly clock: Clock = { now: () => new Date() },
  ) {
    this.items = new Map(state?.items.map((i) => [i.itemId, i]));
    this.postingLists = new Map(state?.postings);
    this.counts = new Map(state?.counts.map(([day, c]) => [day, new Map(c)]));
    this.totals = new Map(state?.totals);
    this.claims = new Map(state?.claims);
    this.stories = new Map(state?.stories.map((s) => [s.storyId, s]));
  }

  get size(): number {
    return this.items.size;
  }

  /** Every story the index still holds a centroid for. */
  storyIds(): IterableIterator<string> {
    return this.stories.keys();
  }

  exportState(): MemoryIndexState {
    return {
      items: [...this.items.values()],
      postings: [...this.postingLists],
      counts: [...this.counts].map(([day, c]) => [day, [...c]]),
      totals: [...this.totals],
      claims: [...this.claims],
      stories: [...this.stories.values()],
    };
  }

  /**
   * Forgets items whose event time is before `cutoff` (ISO 8601), their postings, the day counters
   * before its day, claims held by forgotten items, and stories no remaining item belongs to.
   * Nothing forgotten can matter again: an item is compared only with items within the window of
   * its own event time, and the caller keeps the cutoff behind the oldest such window.
   */
  evictBefore(cutoff: string): void {
    for (const [id, item] of this.items) if (item.eventTime < cutoff) this.items.delete(id);
    for (const [key, list] of this.postingLists) {
      const keep = lowerBound(list, cutoff);
      if (keep === list.length) this.postingLists.delete(key);
      else if (keep > 0) list.splice(0, keep);
    }
    const day = cutoff.slice(0, 10);
    for (const d of [...this.totals.keys()]) {
      if (d >= day) continue;
      this.totals.delete(d);
      this.counts.delete(d);
    }
    for (const [key, claim] of this.claims) if (!this.items.has(claim.holder)) this.claims.delete(key);
    const live = new Set<string>();
    for (const item of this.items.values()) live.add(item.storyId);
    // A merged-away story still routes its remaining members to the survivor.
    for (const id of [...live]) {
      let story = this.stories.get(id);
      while (story?.mergedInto && !live.has(story.mergedInto)) {
        live.add(story.mergedInto);
        story = this.stories.get(story.mergedInto);
      }
    }
    for (const id of this.stories.keys()) if (!live.has(id)) this.stories.delete(id);
  }

  /** Replays a change this index (or one like it) accepted, without re-checking it. */
  apply(change: IndexChange): void {
    switch (change.op) {
      case 'add':
        void this.add(change.item, change.placement);
        return;
      case 'claim':
        this.claims.set(change.key, { holder: change.holder, expiresAt: change.expiresAt });
        return;
      case 'story':
        this.stories.set(change.story.storyId, change.story);
        return;
      case 'settle':
        void this.settle(change.itemId, change.membership);
        return;
    }
  }

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
    if (held && held.expiresAt >= this.clock.now().getTime() / 1000) return held.holder;
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

  async putStory(story: StoryVector, _expiresAt?: number): Promise<boolean> {
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

function lowerBound(list: readonly Posting[], time: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.eventTime ?? '') < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

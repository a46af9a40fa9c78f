/** The cluster index as the stage hands it to the clusterer: every accepted change is noted. */
import type {
  ClusterIndex,
  Frequencies,
  IndexChange,
  IndexedItem,
  MemoryClusterIndex,
  Placement,
  StoryVector,
  TimeRange,
} from '../clustering/index.ts';
import type { Membership } from '../model.ts';

export class RecordingIndex implements ClusterIndex {
  changes: IndexChange[] = [];

  constructor(private readonly inner: MemoryClusterIndex) {}

  getItems(itemIds: readonly string[]): Promise<IndexedItem[]> {
    return this.inner.getItems(itemIds);
  }

  frequencies(features: readonly string[], days: readonly string[]): Promise<Frequencies> {
    return this.inner.frequencies(features, days);
  }

  postings(keys: readonly string[], range: TimeRange, limit: number): Promise<string[][]> {
    return this.inner.postings(keys, range, limit);
  }

  getStories(storyIds: readonly string[]): Promise<StoryVector[]> {
    return this.inner.getStories(storyIds);
  }

  async add(item: IndexedItem, placement: Placement): Promise<void> {
    if ((await this.inner.getItems([item.itemId])).length > 0) return;
    await this.inner.add(item, placement);
    this.changes.push({ op: 'add', item, placement });
  }

  async claim(key: string, itemId: string, expiresAt: number): Promise<string> {
    const holder = await this.inner.claim(key, itemId, expiresAt);
    if (holder === itemId) this.changes.push({ op: 'claim', key, holder, expiresAt });
    return holder;
  }

  async putStory(story: StoryVector, expiresAt: number): Promise<boolean> {
    const written = await this.inner.putStory(story, expiresAt);
    if (written) this.changes.push({ op: 'story', story });
    return written;
  }

  async settle(itemId: string, membership: Membership): Promise<void> {
    await this.inner.settle(itemId, membership);
    this.changes.push({ op: 'settle', itemId, membership });
  }

  /** The changes since the last call. */
  take(): IndexChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }
}

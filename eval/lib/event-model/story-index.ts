/**
 * The open window in process memory: each story's centroids, postings from a few telling terms
 * to the stories that use them, exact keys (GUID, URL) of recent items, and the day sketches of
 * document frequencies. The story stage owns one; nothing else writes it.
 */
import { KIND_COUNT } from './evidence.ts';
import type { Centroids } from './model.ts';
import { DaySketch } from './rarity.ts';
import { addScaled, EMPTY_VECTOR, norm, type SparseVector } from './vector.ts';

/** Terms kept in a story's centroid per kind: a long story's tail decides nothing. */
export const CENTROID_CAPS: readonly number[] = [96, 24, 32, 16, 12, 32];

export interface StoryEntry extends Centroids {
  id: string;
  /** Epoch ms of its earliest and latest member's event time. */
  opened: number;
  latest: number;
  members: number;
}

export interface ItemEntry {
  storyId: string;
  /** Epoch ms. */
  eventTime: number;
}

export class StoryIndex {
  readonly stories = new Map<string, StoryEntry>();
  readonly items = new Map<string, ItemEntry>();
  /** 'g:<outlet>|<guid>' and 'u:<url>' to the item holding them. */
  readonly exact = new Map<string, string>();
  /** Term id to the stories posted under it, oldest first. */
  readonly postings = new Map<number, StoryEntry[]>();
  /** 'YYYY-MM-DD' to that event day's document frequencies. */
  readonly days = new Map<string, DaySketch>();

  day(key: string): DaySketch {
    let sketch = this.days.get(key);
    if (!sketch) {
      sketch = new DaySketch();
      this.days.set(key, sketch);
    }
    return sketch;
  }

  /** Adds an item's unit vectors to its story (made if new) and posts the story under `keys`. */
  join(
    storyId: string,
    vectors: readonly SparseVector[],
    eventTime: number,
    keys: readonly number[],
  ): StoryEntry {
    let story = this.stories.get(storyId);
    if (!story) {
      story = {
        id: storyId,
        opened: eventTime,
        latest: eventTime,
        members: 0,
        sums: Array.from({ length: KIND_COUNT }, () => EMPTY_VECTOR),
        norms: new Float64Array(KIND_COUNT),
      };
      this.stories.set(storyId, story);
    }
    for (let k = 0; k < KIND_COUNT; k++) {
      const sum = addScaled(
        story.sums[k] ?? EMPTY_VECTOR,
        vectors[k] ?? EMPTY_VECTOR,
        1,
        CENTROID_CAPS[k] ?? 0,
      );
      story.sums[k] = sum;
      story.norms[k] = norm(sum);
    }
    story.members++;
    story.opened = Math.min(story.opened, eventTime);
    story.latest = Math.max(story.latest, eventTime);
    for (const key of keys) {
      const list = this.postings.get(key);
      if (!list) this.postings.set(key, [story]);
      else if (list[list.length - 1] !== story) list.push(story);
    }
    return story;
  }

  /**
   * Forgets items and stories whose latest event time is before `cutoff` (epoch ms), and day
   * sketches before its day. Nothing forgotten can matter again: an item is compared only with
   * stories active within the window of its own event time, and the caller keeps the cutoff
   * behind the oldest such window.
   */
  evictBefore(cutoff: number): void {
    for (const [id, item] of this.items) if (item.eventTime < cutoff) this.items.delete(id);
    for (const [key, id] of this.exact) if (!this.items.has(id)) this.exact.delete(key);
    for (const [id, story] of this.stories) if (story.latest < cutoff) this.stories.delete(id);
    for (const [key, list] of this.postings) {
      const kept = list.filter((s) => s.latest >= cutoff);
      if (kept.length === 0) this.postings.delete(key);
      else if (kept.length < list.length) this.postings.set(key, kept);
    }
    const day = new Date(cutoff).toISOString().slice(0, 10);
    for (const d of [...this.days.keys()]) if (d < day) this.days.delete(d);
  }
}

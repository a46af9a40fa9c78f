/**
 * The open window in process memory: each story's centroids, postings from a few telling terms
 * to the stories that use them, exact keys (GUID, URL) of recent items, and the day sketches of
 * document frequencies. The story stage owns one and is its only writer: every change is a
 * `Placement` or a merge, noted in `changes` for the stage's journal and replayed from it.
 */
import { KIND_COUNT } from '../fingerprint/evidence.ts';
import { addScaled, EMPTY_VECTOR, norm, type SparseVector } from '../fingerprint/vector.ts';
import type { Centroids } from './model.ts';
import { DaySketch } from './rarity.ts';

/**
 * Terms kept in a story's centroid per kind (body, title, names, figures, dates, quotes): a long
 * story's tail decides nothing. Headline stories of a hundred members needed the wider title.
 */
export const CENTROID_CAPS: readonly number[] = [96, 96, 64, 16, 12, 32];

export interface StoryEntry extends Centroids {
  id: string;
  /** Epoch ms of its earliest and latest member's event time. */
  opened: number;
  latest: number;
  members: number;
  /** The member that started it: what a decision names as the report it compared with. */
  firstItem: string;
}

/** One item placed in a story: all the window learns from it, replayable without its text. */
export interface Placement {
  itemId: string;
  storyId: string;
  /** Epoch ms. */
  eventTime: number;
  /** 'g:<outlet>|<guid>' and 'u:<url>'. */
  exact: string[];
  /** Term ids the story is posted under. */
  keys: number[];
  /** The item's unit vectors per kind. */
  vectors: SparseVector[];
  /** Term ids the item carries, counted once each in its event day's frequencies. */
  counted: number[];
}

export type IndexChange = { op: 'place'; placement: Placement } | { op: 'merge'; from: string; into: string };

export class StoryIndex {
  readonly stories = new Map<string, StoryEntry>();
  /** Item id to its story (as placed; `current` follows merges) and event time. */
  readonly items = new Map<string, { storyId: string; eventTime: number }>();
  /** Exact key to the item holding it. */
  readonly exact = new Map<string, string>();
  /** Term id to the ids of the stories posted under it, oldest first (merged ones resolve by `storyOf`). */
  readonly postings = new Map<number, string[]>();
  /** 'YYYY-MM-DD' to that event day's document frequencies. */
  readonly days = new Map<string, DaySketch>();
  /** A story folded into another, to the one that took it. */
  readonly mergedInto = new Map<string, string>();
  /**
   * Changes since the last `takeChanges`, kept only for a window that is journalled (the stage's):
   * a placement holds the item's vectors and term ids, which nothing else needs once applied.
   */
  private changes: IndexChange[] | undefined;

  constructor({ journalled = false } = {}) {
    if (journalled) this.changes = [];
  }

  takeChanges(): IndexChange[] {
    const out = this.changes ?? [];
    if (this.changes) this.changes = [];
    return out;
  }

  /** Every story the window still knows: open ones, and those merged into them. */
  *storyIds(): IterableIterator<string> {
    yield* this.stories.keys();
    yield* this.mergedInto.keys();
  }

  /** The open story holding `storyId`'s members now, following merges. */
  storyOf(storyId: string): StoryEntry | undefined {
    return this.stories.get(this.current(storyId));
  }

  /** The story id holding `storyId`'s members now, following merges. */
  current(storyId: string): string {
    let id = storyId;
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next;
    return id;
  }

  day(key: string): DaySketch {
    let sketch = this.days.get(key);
    if (!sketch) {
      sketch = new DaySketch();
      this.days.set(key, sketch);
    }
    return sketch;
  }

  /** Places an item: counts its terms, adds its vectors to its story (made if new), posts it. */
  place(p: Placement): StoryEntry {
    this.changes?.push({ op: 'place', placement: p });
    this.day(new Date(p.eventTime).toISOString().slice(0, 10)).count(p.counted);
    const story = this.storyFor(p);
    grow(story, p.vectors, { members: 1, opened: p.eventTime, latest: p.eventTime });
    for (const key of p.keys) {
      const list = this.postings.get(key);
      if (!list) this.postings.set(key, [story.id]);
      else if (list[list.length - 1] !== story.id) list.push(story.id);
    }
    this.items.set(p.itemId, { storyId: p.storyId, eventTime: p.eventTime });
    for (const key of p.exact) if (!this.exact.has(key)) this.exact.set(key, p.itemId);
    return story;
  }

  /**
   * Folds story `from` into `into`: its centroids are added, and its id now leads to `into`, so its
   * postings need no rewriting (a walk over every posting list for each merge).
   */
  merge(from: StoryEntry, into: StoryEntry): void {
    this.changes?.push({ op: 'merge', from: from.id, into: into.id });
    grow(into, from.sums, from);
    this.stories.delete(from.id);
    this.mergedInto.set(from.id, into.id);
  }

  /** Replays a change this index (or one like it) made. */
  apply(change: IndexChange): void {
    if (change.op === 'place') {
      this.place(change.placement);
      return;
    }
    const from = this.stories.get(change.from);
    const into = this.stories.get(change.into);
    if (from && into) this.merge(from, into);
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
      const kept = list.filter((id) => this.storyOf(id) !== undefined);
      if (kept.length === 0) this.postings.delete(key);
      else if (kept.length < list.length) this.postings.set(key, kept);
    }
    const gone = [...this.mergedInto.keys()].filter((from) => this.storyOf(from) === undefined);
    for (const from of gone) this.mergedInto.delete(from);
    const day = new Date(cutoff).toISOString().slice(0, 10);
    for (const d of [...this.days.keys()]) if (d < day) this.days.delete(d);
  }

  private storyFor(p: Placement): StoryEntry {
    const existing = this.stories.get(p.storyId);
    if (existing) return existing;
    const story: StoryEntry = {
      id: p.storyId,
      opened: p.eventTime,
      latest: p.eventTime,
      members: 0,
      firstItem: p.itemId,
      sums: Array.from({ length: KIND_COUNT }, () => EMPTY_VECTOR),
      norms: new Float64Array(KIND_COUNT),
    };
    this.stories.set(p.storyId, story);
    return story;
  }
}

/** A story with `vectors` added to its centroids, and the members and times they bring. */
function grow(
  story: StoryEntry,
  vectors: readonly SparseVector[],
  added: { members: number; opened: number; latest: number },
): void {
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
  story.members += added.members;
  story.opened = Math.min(story.opened, added.opened);
  story.latest = Math.max(story.latest, added.latest);
}

/**
 * The window as snapshot parts (journal.ts). A snapshot writes only what changed since the one
 * before, split by day: each new item under its event day (with the exact keys it holds and the
 * day's frequency sketch), each changed story under the day of its latest member, together with
 * every story merged into it. A later part's copy of a story replaces an earlier one, and a day
 * whose items and stories have all left the window takes its parts with it, so a snapshot is the
 * parts of the days still open and a part is never rewritten.
 */
import {
  type EncodedChange,
  encodeStory,
  postedByStory,
  postedRecord,
  restoreRecord,
  type StoryIndex,
  sketchRecord,
} from '../clustering/index.ts';
import type { Story } from '../model.ts';
import type { PartRef, SegmentRecord, StageBatch } from './journal.ts';

/** What changed in the window since the last snapshot. */
export interface Dirty {
  items: string[];
  /** [exact key, item id] noted when placed: kept only if the item still holds the key. */
  exact: [string, string][];
  /** Event days whose sketch counted new items. */
  days: Set<string>;
  /** Stories placed into, merged, re-recorded or matched (any id; the survivor is written). */
  stories: Set<string>;
}

export const cleanSlate = (): Dirty => ({ items: [], exact: [], days: new Set(), stories: new Set() });

export const dayOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** Notes what a batch (made here or replayed) changed. */
export function noteBatch(dirty: Dirty, batch: Pick<StageBatch, 'changes' | 'stories' | 'matched'>): void {
  for (const change of batch.changes) noteChange(dirty, change);
  for (const story of batch.stories) dirty.stories.add(story.id);
  for (const key of batch.matched) dirty.stories.add(key.slice(0, key.indexOf('\u0000')));
}

function noteChange(dirty: Dirty, change: EncodedChange): void {
  if (change.op === 'merge') {
    dirty.stories.add(change.from).add(change.into);
    return;
  }
  const p = change.placement;
  dirty.items.push(p.itemId);
  for (const key of p.exact) dirty.exact.push([key, p.itemId]);
  dirty.days.add(dayOf(p.eventTime));
  dirty.stories.add(p.storyId);
}

export interface WindowState {
  index: StoryIndex;
  stories: Map<string, Story>;
  matched: Set<string>;
}

class Parts {
  readonly byDay = new Map<string, SegmentRecord[]>();
  add(day: string, record: SegmentRecord): void {
    const list = this.byDay.get(day);
    if (list) list.push(record);
    else this.byDay.set(day, [record]);
  }
}

function topicsByStory(matched: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of matched) {
    const at = key.indexOf('\u0000');
    const id = key.slice(0, at);
    const list = out.get(id);
    if (list) list.push(key.slice(at + 1));
    else out.set(id, [key.slice(at + 1)]);
  }
  return out;
}

/** Each changed survivor with the ids merged into it, directly or through another. */
function changedFamilies(index: StoryIndex, dirty: Dirty): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const id of dirty.stories) {
    const survivor = index.current(id);
    if (index.stories.has(survivor)) families.set(survivor, [survivor]);
  }
  for (const from of index.mergedInto.keys()) families.get(index.current(from))?.push(from);
  return families;
}

/**
 * The records each day's part holds, by day. Items and stories are small records, so a part of
 * any size is written a line at a time; the lists hold references into the window, not copies.
 */
export function changedParts(w: WindowState, dirty: Dirty): Map<string, SegmentRecord[]> {
  const { index } = w;
  const parts = new Parts();
  for (const id of dirty.items) {
    const item = index.items.get(id);
    if (item) parts.add(dayOf(item.eventTime), { t: 'item', id, story: item.storyId, time: item.eventTime });
  }
  for (const [key, itemId] of dirty.exact) {
    const item = index.items.get(itemId);
    if (item && index.exact.get(key) === itemId)
      parts.add(dayOf(item.eventTime), { t: 'exact', key, item: itemId });
  }
  const families = changedFamilies(index, dirty);
  if (families.size === 0) return parts.byDay;
  const posted = postedByStory(index);
  const topics = topicsByStory(w.matched);
  for (const [survivor, ids] of families) {
    const entry = index.stories.get(survivor);
    if (!entry) continue;
    const day = dayOf(entry.latest);
    parts.add(day, { t: 'story', story: encodeStory(entry) });
    for (const id of ids) {
      const into = index.mergedInto.get(id);
      if (into !== undefined) parts.add(day, { t: 'merged', from: id, into });
      parts.add(day, postedRecord(id, posted.get(id) ?? []));
      const record = w.stories.get(id);
      if (record) parts.add(day, { t: 'record', story: record });
      parts.add(day, { t: 'matched', story: id, topics: topics.get(id) ?? [] });
    }
  }
  return parts.byDay;
}

/** The sketch of each day that counted new items: a part of its own, as each is replaced whole. */
export function changedSketches(w: WindowState, dirty: Dirty): Map<string, SegmentRecord[]> {
  const out = new Map<string, SegmentRecord[]>();
  for (const day of dirty.days) {
    const sketch = w.index.days.get(day);
    if (sketch) out.set(day, [sketchRecord(day, sketch)]);
  }
  return out;
}

/**
 * Parts a restart still needs once `added` are written: those of days not wholly before `cutoff`
 * (epoch ms), less sketches replaced by a newer one.
 */
export function partsKept(parts: readonly PartRef[], added: readonly PartRef[], cutoff: number): PartRef[] {
  const first = dayOf(cutoff);
  const resketched = new Set(added.filter((p) => p.sketch).map((p) => p.day));
  const kept = parts.filter((p) => p.day >= first && !(p.sketch && resketched.has(p.day)));
  return [...kept, ...added];
}

/**
 * Rebuilds a window from parts read in any order, in parallel: each record carries its part's
 * seq, and for a story (or its record, matches or postings) the copy of the latest part wins.
 */
export class Restorer {
  private readonly versions = new Map<string, number>();
  private readonly posted = new Map<string, SegmentRecord & { t: 'posted' }>();
  private readonly topics = new Map<string, string[]>();

  constructor(private readonly w: WindowState) {}

  private newer(slot: string, seq: number): boolean {
    const seen = this.versions.get(slot);
    if (seen !== undefined && seen > seq) return false;
    this.versions.set(slot, seq);
    return true;
  }

  add(record: SegmentRecord, seq: number): void {
    const { index } = this.w;
    switch (record.t) {
      case 'item':
      case 'exact':
        restoreRecord(index, record);
        return;
      case 'sketch':
        if (this.newer(`d\u0000${record.day}`, seq)) restoreRecord(index, record);
        return;
      case 'story':
        if (!this.newer(`s\u0000${record.story.id}`, seq)) return;
        index.mergedInto.delete(record.story.id);
        restoreRecord(index, record);
        return;
      case 'merged':
        if (!this.newer(`s\u0000${record.from}`, seq)) return;
        index.stories.delete(record.from);
        restoreRecord(index, record);
        return;
      case 'posted':
        if (this.newer(`p\u0000${record.story}`, seq)) this.posted.set(record.story, record);
        return;
      case 'record':
        if (this.newer(`r\u0000${record.story.id}`, seq)) this.w.stories.set(record.story.id, record.story);
        return;
      case 'matched':
        if (this.newer(`m\u0000${record.story}`, seq)) this.topics.set(record.story, record.topics);
        return;
    }
  }

  /**
   * Postings and matches last: only the latest list of each story counts. Posted in the order the
   * stories were last active, as a window that never stopped posted them: the engine reads each
   * list from its end, where the stories still being reported are.
   */
  finish(): void {
    const { index } = this.w;
    const latest = (id: string) => index.storyOf(id)?.latest ?? 0;
    const posted = [...this.posted.values()].sort((a, b) => latest(a.story) - latest(b.story));
    for (const record of posted) restoreRecord(index, record);
    for (const [id, topics] of this.topics)
      for (const topic of topics) this.w.matched.add(`${id}\u0000${topic}`);
    this.posted.clear();
    this.topics.clear();
    this.versions.clear();
  }
}

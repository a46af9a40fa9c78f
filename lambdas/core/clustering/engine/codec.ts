/**
 * The window's changes and state as JSON-safe data: the stage journals and snapshots them. Typed
 * arrays travel as base64 of their bytes (little-endian, as every Lambda and Node host is), a
 * quarter of their size as JSON number lists.
 */
import { norm, type SparseVector } from '../fingerprint/vector.ts';
import { DaySketch } from './rarity.ts';
import type { IndexChange, Placement, StoryEntry, StoryIndex } from './story-index.ts';

export interface EncodedVector {
  ids: string;
  weights: string;
}

export interface EncodedPlacement extends Omit<Placement, 'vectors' | 'keys' | 'counted'> {
  vectors: EncodedVector[];
  keys: string;
  counted: string;
}

export type EncodedChange =
  | { op: 'place'; placement: EncodedPlacement }
  | { op: 'merge'; from: string; into: string };

function bytes(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

/** A fresh, aligned copy: a decoded Buffer may sit at any offset of Node's shared pool. */
function aligned(text: string, width: number): ArrayBuffer {
  const raw = Buffer.from(text, 'base64');
  const out = new ArrayBuffer(raw.length - (raw.length % width));
  new Uint8Array(out).set(raw.subarray(0, out.byteLength));
  return out;
}

export function encodeVector(v: SparseVector): EncodedVector {
  return { ids: bytes(v.ids), weights: bytes(v.weights) };
}

export function decodeVector(e: EncodedVector): SparseVector {
  return { ids: new Uint32Array(aligned(e.ids, 4)), weights: new Float32Array(aligned(e.weights, 4)) };
}

export function encodeChange(change: IndexChange): EncodedChange {
  if (change.op === 'merge') return change;
  const { vectors, keys, counted, ...rest } = change.placement;
  return {
    op: 'place',
    placement: {
      ...rest,
      vectors: vectors.map(encodeVector),
      keys: bytes(Uint32Array.from(keys)),
      counted: bytes(Uint32Array.from(counted)),
    },
  };
}

export function decodeChange(change: EncodedChange): IndexChange {
  if (change.op === 'merge') return change;
  const { vectors, keys, counted, ...rest } = change.placement;
  return {
    op: 'place',
    placement: {
      ...rest,
      vectors: vectors.map(decodeVector),
      keys: [...new Uint32Array(aligned(keys, 4))],
      counted: [...new Uint32Array(aligned(counted, 4))],
    },
  };
}

/** A story's centroids and span as data. */
export interface EncodedStory {
  id: string;
  opened: number;
  latest: number;
  members: number;
  firstItem: string;
  sums: EncodedVector[];
}

/**
 * The window as a stream of small records, so a snapshot of any size is written and read a line
 * at a time (no one string of the whole window) and split where its writer likes: the story stage
 * splits it by event day (core/stage/segments.ts). Postings travel per story, as the term ids it
 * is posted under; the order of a posting list decides nothing (candidates are counted, then
 * sorted by count and id).
 */
export type IndexRecord =
  | { t: 'sketch'; day: string; docs: number; cells: string }
  | { t: 'item'; id: string; story: string; time: number }
  | { t: 'exact'; key: string; item: string }
  | { t: 'story'; story: EncodedStory }
  | { t: 'merged'; from: string; into: string }
  | { t: 'posted'; story: string; keys: string };

export function encodeStory(s: StoryEntry): EncodedStory {
  const { id, opened, latest, members, firstItem } = s;
  return { id, opened, latest, members, firstItem, sums: s.sums.map(encodeVector) };
}

/** Each story id (merged ones included) to the term ids it is posted under. */
export function postedByStory(index: StoryIndex): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [key, ids] of index.postings)
    for (const id of ids) {
      const keys = out.get(id);
      if (!keys) out.set(id, [key]);
      else if (keys[keys.length - 1] !== key) keys.push(key);
    }
  return out;
}

export const postedRecord = (story: string, keys: readonly number[]): IndexRecord => ({
  t: 'posted',
  story,
  keys: bytes(Uint32Array.from(keys)),
});

export const sketchRecord = (day: string, sketch: DaySketch): IndexRecord => ({
  t: 'sketch',
  day,
  docs: sketch.docs,
  cells: bytes(sketch.cells),
});

/** Every record of a window, in no particular order: what `restoreRecord` rebuilds it from. */
export function* indexRecords(index: StoryIndex): Generator<IndexRecord> {
  for (const [day, sketch] of index.days) yield sketchRecord(day, sketch);
  for (const [id, item] of index.items) yield { t: 'item', id, story: item.storyId, time: item.eventTime };
  for (const [key, item] of index.exact) yield { t: 'exact', key, item };
  for (const story of index.stories.values()) yield { t: 'story', story: encodeStory(story) };
  for (const [from, into] of index.mergedInto) yield { t: 'merged', from, into };
  for (const [story, keys] of postedByStory(index)) yield postedRecord(story, keys);
}

/** Adds one record to a window being restored; records may come in any order. */
export function restoreRecord(index: StoryIndex, r: IndexRecord): void {
  switch (r.t) {
    case 'sketch':
      index.days.set(r.day, new DaySketch(new Uint16Array(aligned(r.cells, 2)), r.docs));
      return;
    case 'item':
      index.items.set(r.id, { storyId: r.story, eventTime: r.time });
      return;
    case 'exact':
      index.exact.set(r.key, r.item);
      return;
    case 'story': {
      const sums = r.story.sums.map(decodeVector);
      index.stories.set(r.story.id, { ...r.story, sums, norms: Float64Array.from(sums, norm) });
      return;
    }
    case 'merged':
      index.mergedInto.set(r.from, r.into);
      return;
    case 'posted':
      for (const key of new Uint32Array(aligned(r.keys, 4))) {
        const list = index.postings.get(key);
        if (list) list.push(r.story);
        else index.postings.set(key, [r.story]);
      }
      return;
  }
}

/**
 * The window's changes and state as JSON-safe data: the stage journals and snapshots them. Typed
 * arrays travel as base64 of their bytes (little-endian, as every Lambda and Node host is), a
 * quarter of their size as JSON number lists.
 */
import { norm, type SparseVector } from '../fingerprint/vector.ts';
import { DaySketch } from './rarity.ts';
import { type IndexChange, type Placement, StoryIndex } from './story-index.ts';

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

export interface IndexState {
  stories: {
    id: string;
    opened: number;
    latest: number;
    members: number;
    firstItem: string;
    sums: EncodedVector[];
  }[];
  /** [item id, story id as placed, event time]. */
  items: [string, string, number][];
  exact: [string, string][];
  /** [term id, story ids, oldest first]. */
  postings: [number, string[]][];
  /** [event day, documents counted, sketch cells]. */
  days: [string, number, string][];
  mergedInto: [string, string][];
}

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

export function exportState(index: StoryIndex): IndexState {
  return {
    stories: [...index.stories.values()].map((s) => ({
      id: s.id,
      opened: s.opened,
      latest: s.latest,
      members: s.members,
      firstItem: s.firstItem,
      sums: s.sums.map(encodeVector),
    })),
    items: [...index.items].map(([id, item]) => [id, item.storyId, item.eventTime]),
    exact: [...index.exact],
    postings: [...index.postings].map(([key, ids]) => [key, [...ids]]),
    days: [...index.days].map(([day, sketch]) => [day, sketch.docs, bytes(sketch.cells)]),
    mergedInto: [...index.mergedInto],
  };
}

/** A journalled window (the stage's) from its snapshot, or empty. */
export function restoreIndex(state: IndexState | undefined): StoryIndex {
  const index = new StoryIndex({ journalled: true });
  if (!state) return index;
  for (const s of state.stories) {
    const sums = s.sums.map(decodeVector);
    const norms = Float64Array.from(sums, norm);
    index.stories.set(s.id, { ...s, sums, norms });
  }
  for (const [id, storyId, eventTime] of state.items) index.items.set(id, { storyId, eventTime });
  for (const [key, id] of state.exact) index.exact.set(key, id);
  for (const [key, ids] of state.postings) index.postings.set(key, [...ids]);
  for (const [day, docs, cells] of state.days)
    index.days.set(day, new DaySketch(new Uint16Array(aligned(cells, 2)), docs));
  for (const [from, into] of state.mergedInto) index.mergedInto.set(from, into);
  return index;
}

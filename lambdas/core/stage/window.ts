/**
 * The open window the stage holds in memory: the cluster index of recent items, the records of
 * the stories they belong to, and the (story, topic) pairs already matched. Rebuilt from the
 * journal's snapshot and the batches since; trimmed as ingestion time moves on.
 */
import { DEFAULT_ENGINE_OPTIONS, decodeChange, type EngineOptions, StoryIndex } from '../clustering/index.ts';
import { DAY_MS } from '../clustering/time.ts';
import type { Story } from '../model.ts';
import { familyOf, type StoryFamily } from '../stories/family.ts';
import type { PartRef, StageBatch, StageDebt, StageJournal, StageManifest } from './journal.ts';
import {
  changedParts,
  changedSketches,
  cleanSlate,
  type Dirty,
  noteBatch,
  partsKept,
  Restorer,
} from './segments.ts';

export interface Window {
  index: StoryIndex;
  stories: Map<string, Story>;
  matched: Set<string>;
  watermark?: string;
  /** The last batch folded in. */
  seq: number;
  /** How far behind the watermark an item's event time may be and still be compared with. */
  keepMs: number;
  /** The cutoff of the last eviction, epoch ms. */
  evictedTo: number;
  /** What changed since the last snapshot, which holds `parts` and was number `gen`. */
  dirty: Dirty;
  parts: PartRef[];
  gen: number;
}

/** A story with the stories merged into it, as the window holds them. */
export function familyIn(w: Window, story: Story): Promise<StoryFamily> {
  return familyOf({ getStory: async (id) => w.stories.get(id) }, story);
}

export function matchedKey(storyId: string, topic: string): string {
  return `${storyId}\u0000${topic}`;
}

/**
 * An item is compared with items up to `windowDays` either side of its event time, and an event
 * time may trail ingestion by as much again (an item published yesterday, fetched today): kept
 * twice the window and a day, as long as the DynamoDB index kept its entries before.
 */
function keepMsFor(options?: Partial<EngineOptions>): number {
  return (2 * (options?.windowDays ?? DEFAULT_ENGINE_OPTIONS.windowDays) + 1) * DAY_MS;
}

function emptyWindow(options?: Partial<EngineOptions>, manifest?: StageManifest): Window {
  return {
    index: new StoryIndex({ journalled: true }),
    stories: new Map(),
    matched: new Set(),
    watermark: manifest?.watermark,
    seq: manifest?.seq ?? 0,
    keepMs: keepMsFor(options),
    evictedTo: 0,
    dirty: cleanSlate(),
    parts: manifest?.parts ?? [],
    gen: manifest?.gen ?? 0,
  };
}

/** Parts read at once: enough to hide a round trip, few enough to bound what is in flight. */
const READ_PARALLEL = 16;

async function restoreParts(journal: StageJournal, w: Window): Promise<void> {
  const restorer = new Restorer(w);
  const queue = [...w.parts];
  async function worker(): Promise<void> {
    for (let part = queue.shift(); part; part = queue.shift())
      for await (const record of journal.readPart(part.key)) restorer.add(record, part.seq);
  }
  await Promise.all(Array.from({ length: READ_PARALLEL }, worker));
  restorer.finish();
}

export function applyBatch(w: Window, batch: StageBatch): void {
  for (const change of batch.changes) w.index.apply(decodeChange(change));
  // Replayed, not made: the next batch journals only its own changes.
  w.index.takeChanges();
  for (const story of batch.stories) w.stories.set(story.id, story);
  for (const key of batch.matched) w.matched.add(key);
  if (batch.watermark && (!w.watermark || batch.watermark > w.watermark)) w.watermark = batch.watermark;
  w.seq = batch.seq;
  noteBatch(w.dirty, batch);
}

/** The batches after `seq` in order, read a few ahead (each read is a round trip), up to the first missing. */
async function* batchesAfter(journal: StageJournal, seq: number): AsyncGenerator<StageBatch> {
  for (let next = seq + 1; ; next += READ_PARALLEL) {
    const reads = Array.from({ length: READ_PARALLEL }, (_, i) => journal.readBatch(next + i));
    for (const read of reads) {
      const batch = await read;
      if (!batch) return;
      yield batch;
    }
  }
}

export interface LoadedWindow {
  window: Window;
  /** The last journalled batch's records: it may have died before writing them all. */
  unpaid?: StageDebt;
  replayedItems: number;
  /** Epoch ms the snapshot was written; 0 without one. */
  snapshotAt: number;
}

export async function loadWindow(
  journal: StageJournal,
  options?: Partial<EngineOptions>,
): Promise<LoadedWindow> {
  const manifest = await journal.readManifest();
  const window = emptyWindow(options, manifest);
  await restoreParts(journal, window);
  // Evicted as the snapshot's writer had, before replay moves the watermark.
  evict(window, true);
  let last: StageBatch | undefined;
  let replayedItems = 0;
  for await (const batch of batchesAfter(journal, window.seq)) {
    applyBatch(window, batch);
    replayedItems += batch.records.items.length;
    last = batch;
  }
  evict(window);
  const snapshotAt = manifest ? Date.parse(manifest.writtenAt) : 0;
  return { window, unpaid: last?.records, replayedItems, snapshotAt };
}

/**
 * A pass over the whole window: done when the cutoff moved an hour or more, not for every batch of
 * ten (a window of a few hundred thousand items would be walked thousands of times a day).
 */
const EVICT_EVERY_MS = 3_600_000;

/** Forgets what fell out of the window: items, then stories no kept item belongs to. */
export function evict(w: Window, force = false): void {
  if (!w.watermark) return;
  const cutoff = Date.parse(w.watermark) - w.keepMs;
  if (!force && cutoff - w.evictedTo < EVICT_EVERY_MS) return;
  w.evictedTo = cutoff;
  w.index.evictBefore(cutoff);
  const open = new Set(w.index.storyIds());
  for (const id of w.stories.keys()) if (!open.has(id)) w.stories.delete(id);
  for (const key of w.matched) if (!open.has(key.slice(0, key.indexOf('\u0000')))) w.matched.delete(key);
}

/** Parts written at once. */
const WRITE_PARALLEL = 8;

/**
 * Writes what changed since the last snapshot as new parts, then the manifest naming them and the
 * parts still open. Throws `StageFencedError` if another instance wrote snapshot `gen` first.
 */
export async function writeSnapshot(
  journal: StageJournal,
  w: Window,
  writtenAt: string,
  writer: string,
): Promise<void> {
  evict(w, true);
  const queue = [
    ...[...changedParts(w, w.dirty)].map(([day, records]) => ({
      ref: { key: partKey(day, w.seq, writer), day, seq: w.seq } as PartRef,
      records,
    })),
    ...[...changedSketches(w, w.dirty)].map(([day, records]) => ({
      ref: { key: partKey(day, w.seq, `${writer}-sketch`), day, seq: w.seq, sketch: true } as PartRef,
      records,
    })),
  ];
  const added = queue.map((p) => p.ref);
  async function worker(): Promise<void> {
    for (let part = queue.shift(); part; part = queue.shift())
      await journal.writePart(part.ref.key, part.records);
  }
  await Promise.all(Array.from({ length: WRITE_PARALLEL }, worker));
  const cutoff = w.watermark ? Date.parse(w.watermark) - w.keepMs : 0;
  const manifest: StageManifest = {
    gen: w.gen + 1,
    seq: w.seq,
    writtenAt,
    ...(w.watermark ? { watermark: w.watermark } : {}),
    parts: partsKept(w.parts, added, cutoff),
  };
  await journal.writeManifest(manifest);
  w.gen = manifest.gen;
  w.parts = manifest.parts;
  w.dirty = cleanSlate();
}

/**
 * Day first, so one day's parts list together. The writer's own id keeps a retry after a crash,
 * or a second instance, from colliding with parts no manifest names yet.
 */
export const partKey = (day: string, seq: number, writer: string): string =>
  `${day}/${String(seq).padStart(12, '0')}-${writer}`;

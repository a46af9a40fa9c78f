/**
 * The open window the stage holds in memory: the cluster index of recent items, the records of
 * the stories they belong to, and the (story, topic) pairs already matched. Rebuilt from the
 * journal's snapshot and the batches since; trimmed as ingestion time moves on.
 */
import {
  DEFAULT_ENGINE_OPTIONS,
  decodeChange,
  type EngineOptions,
  exportState,
  restoreIndex,
  type StoryIndex,
} from '../clustering/index.ts';
import { DAY_MS } from '../clustering/time.ts';
import type { Story } from '../model.ts';
import { familyOf, type StoryFamily } from '../stories/family.ts';
import type { StageBatch, StageJournal, StageRecords, StageSnapshot } from './journal.ts';

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

function fromSnapshot(snapshot: StageSnapshot | undefined, options?: Partial<EngineOptions>): Window {
  return {
    index: restoreIndex(snapshot?.index),
    stories: new Map(snapshot?.stories.map((s) => [s.id, s])),
    matched: new Set(snapshot?.matched),
    watermark: snapshot?.watermark,
    seq: snapshot?.seq ?? 0,
    keepMs: keepMsFor(options),
    evictedTo: 0,
  };
}

export function applyBatch(w: Window, batch: StageBatch): void {
  for (const change of batch.changes) w.index.apply(decodeChange(change));
  // Replayed, not made: the next batch journals only its own changes.
  w.index.takeChanges();
  for (const story of batch.stories) w.stories.set(story.id, story);
  for (const key of batch.matched) w.matched.add(key);
  if (batch.watermark && (!w.watermark || batch.watermark > w.watermark)) w.watermark = batch.watermark;
  w.seq = batch.seq;
}

export interface LoadedWindow {
  window: Window;
  /** The last journalled batch's records: it may have died before writing them all. */
  unpaid?: StageRecords;
  replayedItems: number;
  /** Epoch ms the snapshot was written; 0 without one. */
  snapshotAt: number;
}

export async function loadWindow(
  journal: StageJournal,
  options?: Partial<EngineOptions>,
): Promise<LoadedWindow> {
  const snapshot = await journal.readSnapshot();
  const window = fromSnapshot(snapshot, options);
  let last: StageBatch | undefined;
  let replayedItems = 0;
  for (;;) {
    const batch = await journal.readBatch(window.seq + 1);
    if (!batch) break;
    applyBatch(window, batch);
    replayedItems += batch.records.items.length;
    last = batch;
  }
  evict(window);
  const snapshotAt = snapshot ? Date.parse(snapshot.writtenAt) : 0;
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

export function snapshotOf(w: Window, writtenAt: string): StageSnapshot {
  return {
    seq: w.seq,
    writtenAt,
    index: exportState(w.index),
    stories: [...w.stories.values()],
    matched: [...w.matched],
    watermark: w.watermark,
  };
}

/**
 * Snapshots in parts (core/stage/segments.ts): a window restored from a snapshot's parts and the
 * batches after it must be the window an instance that replayed every batch holds, over days of
 * items, merges and evictions; and a part, once written, is never written again.
 */
import { describe, expect, it } from 'vitest';
import { indexRecords } from '../../../lambdas/core/clustering/index.ts';
import type { QueuedItem } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createStoryStage } from '../../../lambdas/core/stage/stage.ts';
import { loadWindow, type Window } from '../../../lambdas/core/stage/window.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { createMemoryJournal, type MemoryJournal } from '../../support/pipeline.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T06:00:00.000Z');

/** Per day: three outlets' copies of two events, and a story told in halves that later merge. */
const TITLES = [
  ['Miley Cyrus performs in her underwear', 'Costume change mishap at Milwaukee concert'],
  ['Miley Cyrus in underwear after costume change mishap at Milwaukee concert'],
  ['Harbour authority approves Larkspur container terminal expansion'],
  ['Warehouse fire near Ellery rail yard destroys textile containers'],
];

function item(day: number, n: number, title: string, outlet: string): QueuedItem {
  const seen = new Date(T0 + day * DAY + n * 600_000).toISOString();
  const id = `d${day}-${n}-${outlet}`;
  // Headlines only, as a summary feed gives them: the halves of a story merge on headlines.
  const text = '';
  return {
    id,
    feedId: outlet,
    guid: id,
    url: `https://${outlet}.example/${id}`,
    title: `${title} (${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][day]})`,
    text,
    textLength: text.length,
    categories: [],
    published: seen,
    firstSeen: seen,
    outlet,
    contentHash: `h-${id}`,
  };
}

function days(count: number): QueuedItem[][] {
  const batches: QueuedItem[][] = [];
  for (let day = 0; day < count; day++) {
    let n = 0;
    for (const group of TITLES)
      batches.push(group.flatMap((t) => ['herald', 'courier', 'gazette'].map((o) => item(day, n++, t, o))));
  }
  return batches;
}

const nullStore = {
  putStageRecords: async () => undefined,
  createAlertIntent: async () => true,
  getAlert: async () => undefined,
} as unknown as Store;

function run(journal: MemoryJournal, snapshotEvery: number) {
  let now = T0;
  const stage = createStoryStage({
    store: nullStore,
    journal,
    topics: compileTopics({
      topics: [{ name: 'Harbour', query: 'Larkspur OR Milwaukee', recipients: ['d@example.com'] }],
    }),
    clock: { now: () => new Date(now) },
    snapshotEvery,
  });
  return async (batch: QueuedItem[]) => {
    now = Date.parse(batch[0]?.firstSeen ?? '') + 60_000;
    return stage.process(batch);
  };
}

/** The window as data, in an order that does not depend on how it was built. */
function canonical(w: Window) {
  const postings = [...w.index.postings]
    .map(([key, ids]) => [key, [...new Set(ids)].sort()] as const)
    .sort((a, b) => a[0] - b[0]);
  const rest = [...indexRecords(w.index)].filter((r) => r.t !== 'posted').map((r) => JSON.stringify(r));
  return {
    index: rest.sort(),
    postings,
    stories: [...w.stories.values()].sort((a, b) => a.id.localeCompare(b.id)),
    matched: [...w.matched].sort(),
    seq: w.seq,
    watermark: w.watermark,
  };
}

describe('snapshots in parts', () => {
  it('restore the window every batch replayed would hold, over a week of items, merges and evictions', async () => {
    const journal = createMemoryJournal();
    const process = run(journal, 7);
    let merges = 0;
    for (const batch of days(7)) {
      const report = await process(batch);
      merges += report.assigned.filter((a) => (a.membership.merged ?? []).length > 0).length;
    }
    expect(merges).toBeGreaterThan(0);
    expect(journal.manifests.size).toBeGreaterThan(5);
    const restored = await loadWindow(journal);
    const replayedAll = await loadWindow({ ...journal, readManifest: async () => undefined });
    expect(replayedAll.window.index.items.size).toBeGreaterThan(0);
    expect(canonical(restored.window)).toEqual(canonical(replayedAll.window));
    // Days that left the window left the snapshot: a week of items, a few days of parts.
    const kept = new Set(journal.manifest?.parts.map((p) => p.day));
    expect(kept.size).toBeLessThanOrEqual(4);
    expect([...kept].sort()[0]).toBe(new Date(T0 + 3 * DAY).toISOString().slice(0, 10));
  });

  it('writes each part once: a snapshot adds parts and never rewrites one', async () => {
    const journal = createMemoryJournal();
    const written: string[] = [];
    const writePart = journal.writePart.bind(journal);
    journal.writePart = async (key, records) => {
      written.push(key);
      return writePart(key, records);
    };
    const process = run(journal, 3);
    for (const batch of days(3)) await process(batch);
    expect(new Set(written).size).toBe(written.length);
    // Each manifest names parts written by it or kept from the one before.
    const gens = [...journal.manifests.keys()].sort((a, b) => a - b);
    for (const [i, gen] of gens.entries()) {
      if (i === 0) continue;
      const before = new Set(journal.manifests.get(gens[i - 1] ?? 0)?.parts.map((p) => p.key));
      const now = journal.manifests.get(gen)?.parts ?? [];
      for (const p of now) expect(before.has(p.key) || p.seq === journal.manifests.get(gen)?.seq).toBe(true);
    }
  });
});

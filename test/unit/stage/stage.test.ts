/**
 * The story stage on its own, with the store faked (records kept in maps) and the journal in
 * memory: what it decides must not depend on crashes, restarts, snapshots or the order within
 * a batch.
 */
import { describe, expect, it } from 'vitest';
import type { AlertIntent, QueuedItem, StoredItem, Story, TopicMatch } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import type { StageJournal } from '../../../lambdas/core/stage/journal.ts';
import { createStoryStage, type StageDeps } from '../../../lambdas/core/stage/stage.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { createMemoryJournal, type MemoryJournal } from '../../support/pipeline.ts';

interface Records {
  items: Map<string, StoredItem>;
  stories: Map<string, Story>;
  matches: TopicMatch[];
  intents: Map<string, AlertIntent>;
  writes: number;
}

/** Only what the stage calls; intents are created once, like the DynamoDB conditional put. */
function recordingStore(): Store & { records: Records } {
  const records: Records = {
    items: new Map(),
    stories: new Map(),
    matches: [],
    intents: new Map(),
    writes: 0,
  };
  const store = {
    records,
    async putStageRecords(r: { items: StoredItem[]; stories: Story[]; matches: TopicMatch[] }) {
      records.writes += 1;
      for (const i of r.items) records.items.set(i.id, i);
      for (const s of r.stories) records.stories.set(s.id, s);
      for (const m of r.matches)
        if (!records.matches.some((x) => x.storyId === m.storyId && x.topic === m.topic))
          records.matches.push(m);
    },
    async createAlertIntent(intent: AlertIntent) {
      const key = `${intent.storyId}/${intent.topic}`;
      if (records.intents.has(key)) return false;
      records.intents.set(key, intent);
      return true;
    },
    async getAlert() {
      return undefined;
    },
  };
  return store as unknown as Store & { records: Records };
}

const T0 = Date.parse('2026-11-10T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const EVENTS = {
  port:
    'The Calder Bay Port Authority voted 7-2 on Tuesday to approve a $480 million expansion of the Larkspur ' +
    'container terminal. "This is the largest investment in the harbour in forty years," chair Miriam Osei said.',
  fire:
    'A fire broke out overnight in a warehouse beside the Ellery rail yard, fire chief Tomas Brandt said on ' +
    'Friday. "Nobody was hurt, but 40 containers of textiles were lost," Brandt told reporters.',
  strike:
    'Dockworkers in Northgate began a 48-hour strike on Monday over night-shift pay, union leader Aisha Karimi ' +
    'said. "We will not unload another ship at these rates," Karimi told a rally of 600 members.',
} as const;
type Event = keyof typeof EVENTS;

function copy(event: Event, outlet: string, minutes: number): QueuedItem {
  const id = `${event}-${outlet.toLowerCase()}`;
  const text = EVENTS[event];
  return {
    id,
    feedId: outlet.toLowerCase(),
    guid: id,
    url: `https://${outlet.toLowerCase()}.example/${id}`,
    title: `${text.split(' ').slice(1, 9).join(' ')}`,
    text,
    textLength: text.length,
    categories: [],
    published: at(minutes),
    firstSeen: at(minutes + 5),
    outlet,
    contentHash: `h-${id}`,
  };
}

const WIRE: QueuedItem[] = [
  copy('port', 'Herald', 0),
  copy('fire', 'Herald', 1),
  copy('strike', 'Courier', 2),
  copy('port', 'Courier', 3),
  copy('fire', 'Gazette', 4),
  copy('port', 'Gazette', 6),
  copy('strike', 'Tribune', 7),
];

function stage(store: Store, journal: StageJournal, more: Partial<StageDeps> = {}) {
  return createStoryStage({
    store,
    journal,
    topics: compileTopics({
      topics: [{ name: 'Harbour', query: 'Larkspur OR Northgate', recipients: ['d@example.com'] }],
    }),
    clock: { now: () => new Date(at(30)) },
    ...more,
  });
}

/** Each event's stories, as sets of item ids: what a user sees, whatever the story ids. */
function grouping(store: { records: Records }): string[][] {
  const byStory = new Map<string, string[]>();
  for (const item of store.records.items.values()) {
    const story = store.records.stories.get(item.membership.storyId);
    const id = story?.mergedInto ?? item.membership.storyId;
    byStory.set(id, [...(byStory.get(id) ?? []), item.id].sort());
  }
  return [...byStory.values()].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

const EXPECTED = [
  ['fire-gazette', 'fire-herald'],
  ['port-courier', 'port-gazette', 'port-herald'],
  ['strike-courier', 'strike-tribune'],
];

describe('the story stage', () => {
  it('groups copies of one event into one story with one alert per topic', async () => {
    const store = recordingStore();
    const report = await stage(store, createMemoryJournal()).process(WIRE);
    expect(grouping(store)).toEqual(EXPECTED);
    expect([...store.records.intents.keys()].length).toBe(2);
    expect(report.alertsQueued).toHaveLength(2);
    const port = store.records.stories.get(store.records.items.get('port-gazette')?.membership.storyId ?? '');
    expect(port).toMatchObject({
      outletCount: 3,
      memberCount: 3,
      firstOutlet: 'Herald',
      firstItemId: 'port-herald',
    });
  });

  it('decides the same whatever order the items of a batch arrive in', async () => {
    const forward = recordingStore();
    await stage(forward, createMemoryJournal()).process(WIRE);
    const backward = recordingStore();
    await stage(backward, createMemoryJournal()).process([...WIRE].reverse());
    expect(grouping(backward)).toEqual(grouping(forward));
    expect([...backward.records.stories.keys()].sort()).toEqual([...forward.records.stories.keys()].sort());
  });

  it('skips items it already assigned: a redelivered batch writes nothing new', async () => {
    const store = recordingStore();
    const s = stage(store, createMemoryJournal());
    await s.process(WIRE);
    const writes = store.records.writes;
    const again = await s.process(WIRE.slice(0, 3));
    expect(again.assigned).toEqual([]);
    expect(again.repeated.sort()).toEqual(
      WIRE.slice(0, 3)
        .map((i) => i.id)
        .sort(),
    );
    expect(store.records.writes).toBe(writes);
  });

  it('rebuilds from the journal after a failure before journalling, and decides as if nothing happened', async () => {
    const clean = recordingStore();
    const cleanStage = stage(clean, createMemoryJournal());
    await cleanStage.process(WIRE.slice(0, 4));
    await cleanStage.process(WIRE.slice(4));

    const store = recordingStore();
    const journal = createMemoryJournal();
    const s = stage(store, journal);
    await s.process(WIRE.slice(0, 4));
    let fail = true;
    const flaky: StageJournal = {
      ...journal,
      writeBatch: async (b) => {
        if (fail) {
          fail = false;
          throw new Error('S3 unavailable');
        }
        return journal.writeBatch(b);
      },
    };
    const s2 = stage(store, flaky);
    await expect(s2.process(WIRE.slice(4))).rejects.toThrow('S3 unavailable');
    await s2.process(WIRE.slice(4));
    expect(grouping(store)).toEqual(grouping(clean));
    expect([...store.records.intents.keys()].sort()).toEqual([...clean.records.intents.keys()].sort());
  });

  it('lets two instances take turns on the message group: one holding an older window is refused and rebuilds', async () => {
    const clean = recordingStore();
    const one = stage(clean, createMemoryJournal());
    for (const batch of [WIRE.slice(0, 2), WIRE.slice(2, 4), WIRE.slice(4)]) await one.process(batch);

    const store = recordingStore();
    const shared = createMemoryJournal();
    // As the S3 journal writes a batch: only under a number not taken yet.
    const journal: StageJournal = {
      ...shared,
      writeBatch: async (b) => {
        if (shared.batches.has(b.seq)) throw new Error(`batch ${b.seq} is taken`);
        return shared.writeBatch(b);
      },
    };
    const first = stage(store, journal);
    const second = stage(store, journal);
    await first.process(WIRE.slice(0, 2));
    await second.process(WIRE.slice(2, 4));
    await expect(first.process(WIRE.slice(4))).rejects.toThrow('batch 2 is taken');
    // SQS delivers the batch again; the refused instance has dropped its window and reads the journal.
    await first.process(WIRE.slice(4));
    expect(grouping(store)).toEqual(grouping(clean));
    expect([...store.records.intents.keys()].sort()).toEqual([...clean.records.intents.keys()].sort());
  });

  it('pays the records of a journalled batch that were never written, on the next batch or a cold start', async () => {
    const journal = createMemoryJournal();
    const store = recordingStore();
    let fail = true;
    const failing: Store = {
      ...store,
      putStageRecords: async (r) => {
        if (fail) {
          fail = false;
          throw new Error('throttled');
        }
        return store.putStageRecords(r);
      },
    };
    await expect(stage(failing, journal).process(WIRE)).rejects.toThrow('throttled');
    expect(store.records.items.size).toBe(0);
    // A new instance (a cold start): replays the journal and pays the debt before anything else.
    const report = await stage(store, journal).process([]);
    expect(report.assigned).toEqual([]);
    expect(grouping(store)).toEqual(EXPECTED);
    expect(store.records.intents.size).toBe(2);
  });

  it('continues from a snapshot and the batches after it exactly as an instance that never stopped', async () => {
    const batches = [WIRE.slice(0, 2), WIRE.slice(2, 4), WIRE.slice(4, 6), WIRE.slice(6)];
    const steady = recordingStore();
    const s = stage(steady, createMemoryJournal());
    for (const b of batches) await s.process(b);

    const restarted = recordingStore();
    const journal: MemoryJournal = createMemoryJournal();
    // The first batch is snapshotted (there was none); the next two are only journalled.
    const first = stage(restarted, journal, { snapshotEvery: 100 });
    for (const b of batches.slice(0, 3)) await first.process(b);
    expect(journal.snapshot?.seq).toBe(1);
    expect([...journal.batches.keys()]).toEqual([1, 2, 3]);
    const second = stage(restarted, journal, { snapshotEvery: 100 });
    await second.process(batches[3] ?? []);
    expect(grouping(restarted)).toEqual(grouping(steady));
    expect([...restarted.records.items.values()].map((i) => i.membership)).toEqual(
      [...steady.records.items.values()].map((i) => i.membership),
    );
  });

  it('forgets items and stories that fell out of the window, and stays bounded', async () => {
    const store = recordingStore();
    const journal = createMemoryJournal();
    const s = stage(store, journal, { snapshotEvery: 1 });
    await s.process(WIRE);
    // A week later: nothing from the first day can be joined any more.
    const later = (item: QueuedItem): QueuedItem => ({
      ...item,
      id: `${item.id}-later`,
      guid: `${item.guid}-later`,
      url: `${item.url}-later`,
      published: new Date(Date.parse(item.published ?? '') + 7 * 86_400_000).toISOString(),
      firstSeen: new Date(Date.parse(item.firstSeen) + 7 * 86_400_000).toISOString(),
    });
    await s.process(WIRE.slice(0, 1).map(later));
    expect(journal.snapshot?.index.items.map(([itemId]) => itemId)).toEqual(['port-herald-later']);
    expect(journal.snapshot?.stories.map((x) => x.id)).toHaveLength(1);
    const laterPort = store.records.items.get('port-herald-later');
    expect(laterPort?.membership.isNew).toBe(true);
  });
});

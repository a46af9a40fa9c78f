/**
 * The story stage on its own, with the store faked (records kept in maps) and the journal in
 * memory: what it decides must not depend on crashes, restarts, snapshots or the order within
 * a batch.
 */
import { describe, expect, it } from 'vitest';
import type {
  AlertIntent,
  AlertKey,
  ParkedItem,
  QueuedItem,
  StoredItem,
  Story,
  TopicMatch,
} from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import type { StageJournal } from '../../../lambdas/core/stage/journal.ts';
import { createStoryStage, type StageDeps } from '../../../lambdas/core/stage/stage.ts';
import { loadWindow } from '../../../lambdas/core/stage/window.ts';
import { compileTopics, type TopicMatcher } from '../../../lambdas/core/topics/index.ts';
import { createMemoryJournal, type MemoryJournal } from '../../support/pipeline.ts';

interface Records {
  items: Map<string, StoredItem>;
  stories: Map<string, Story>;
  matches: TopicMatch[];
  intents: Map<string, AlertIntent>;
  parked: Map<string, ParkedItem>;
  writes: number;
}

const alertKey = (k: AlertKey) => `${k.storyId}/${k.topic}${k.outlets ? `+${k.outlets}` : ''}`;

/** Only what the stage calls; intents are created once, like the DynamoDB conditional put. */
function recordingStore(): Store & { records: Records } {
  const records: Records = {
    items: new Map(),
    stories: new Map(),
    matches: [],
    intents: new Map(),
    parked: new Map(),
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
      const key = alertKey(intent);
      if (records.intents.has(key)) return false;
      records.intents.set(key, intent);
      return true;
    },
    async getAlert(key: AlertKey) {
      return records.intents.get(alertKey(key));
    },
    async parkItem(p: ParkedItem) {
      records.parked.set(p.item.id, p);
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
    expect(journal.manifest?.seq).toBe(1);
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
    // What a restart would hold: the snapshot's parts, the batches after it, the window applied.
    const { window } = await loadWindow(journal);
    expect([...window.index.items.keys()]).toEqual(['port-herald-later']);
    expect([...window.stories.keys()]).toHaveLength(1);
    // The first day's parts left the snapshot with it.
    expect([...new Set(journal.manifest?.parts.map((p) => p.day))]).toEqual([at(7 * 24 * 60).slice(0, 10)]);
    const laterPort = store.records.items.get('port-herald-later');
    expect(laterPort?.membership.isNew).toBe(true);
  });
});

describe('two stage instances on one journal', () => {
  /** Story records as the store ends up holding them, by member count: what a reader sees. */
  const storySizes = (store: { records: Records }) =>
    [...store.records.stories.values()]
      .filter((s) => !s.mergedInto)
      .map((s) => [s.headline, s.memberCount, s.outletCount])
      .sort();

  it('lose no item, story or alert and double none, whichever writes each entry first', async () => {
    const single = recordingStore();
    const one = stage(single, createMemoryJournal());
    for (const b of [WIRE.slice(0, 2), WIRE.slice(2, 4), WIRE.slice(4)]) await one.process(b);

    const store = recordingStore();
    const journal = createMemoryJournal();
    // Both start from the same (empty) journal: the second is the stale environment AWS may keep.
    const a = stage(store, journal);
    const b = stage(store, journal);
    const reports = await Promise.all([a.process(WIRE.slice(0, 2)), b.process(WIRE.slice(2, 4))]);
    // The one that lost batch 1 reloaded what the other wrote and journalled its own as batch 2.
    expect([...journal.batches.keys()]).toEqual([1, 2]);
    expect(reports.flatMap((r) => r.assigned.map((x) => x.itemId)).sort()).toEqual(
      WIRE.slice(0, 4)
        .map((i) => i.id)
        .sort(),
    );
    // A redelivery of items the other already decided, to the stale one, and the rest.
    const [late, rest] = await Promise.all([a.process(WIRE.slice(2, 4)), b.process(WIRE.slice(4))]);
    expect(late.assigned).toEqual([]);
    expect(rest.assigned.map((x) => x.itemId).sort()).toEqual(
      WIRE.slice(4)
        .map((i) => i.id)
        .sort(),
    );
    expect(grouping(store)).toEqual(EXPECTED);
    expect(storySizes(store)).toEqual(storySizes(single));
    expect([...store.records.intents.keys()].sort()).toEqual([...single.records.intents.keys()].sort());
    // Every item decided once: each journal placement names a different item.
    const placed = [...journal.batches.values()].flatMap((x) =>
      x.changes.flatMap((c) => (c.op === 'place' ? [c.placement.itemId] : [])),
    );
    expect(placed.sort()).toEqual(WIRE.map((i) => i.id).sort());
  });
});

describe('an item the stage cannot assign', () => {
  /** A topic matcher with a bug that only one item's text sets off. */
  function buggyTopics(badId: string): TopicMatcher {
    const real = compileTopics({
      topics: [{ name: 'Harbour', query: 'Larkspur OR Northgate', recipients: ['d@example.com'] }],
    });
    return {
      ...real,
      match: (item) => {
        if (item.url?.endsWith(badId)) throw new RangeError('Invalid array length');
        return real.match(item);
      },
    };
  }

  it('is parked with its reason and error, and the items after it are stored in order', async () => {
    const store = recordingStore();
    const journal = createMemoryJournal();
    const s = stage(store, journal, { topics: buggyTopics('fire-gazette') });
    const first = await s.process(WIRE.slice(0, 4));
    const second = await s.process(WIRE.slice(4));
    expect(first.parked).toEqual([]);
    expect(second.parked.map((p) => p.item.id)).toEqual(['fire-gazette']);
    const parked = store.records.parked.get('fire-gazette');
    expect(parked?.reason).toMatch(/could not assign/);
    expect(parked?.error).toBe('RangeError: Invalid array length');
    // Parked whole, text included: `items redrive` queues it again as it came.
    expect(parked?.item).toEqual(WIRE[4]);
    expect(second.assigned.map((a) => a.itemId)).toEqual(['port-gazette', 'strike-tribune']);
    expect(grouping(store)).toEqual([
      ['fire-herald'],
      ['port-courier', 'port-gazette', 'port-herald'],
      ['strike-courier', 'strike-tribune'],
    ]);
    // Nothing of the parked item reached the journal: a restart does not know it either.
    const placed = [...journal.batches.values()].flatMap((b) =>
      b.changes.flatMap((c) => (c.op === 'place' ? [c.placement.itemId] : [])),
    );
    expect(placed).not.toContain('fire-gazette');
    // Once the bug is fixed, the same item queued again joins its story.
    const fixed = stage(store, journal);
    const redriven = await fixed.process([WIRE[4] as QueuedItem]);
    expect(redriven.assigned.map((a) => a.itemId)).toEqual(['fire-gazette']);
    expect(grouping(store)).toEqual(EXPECTED);
  });

  it('fails the whole batch when the store is down, so SQS retries it', async () => {
    const store = recordingStore();
    const down: Store = {
      ...store,
      putStageRecords: async () => {
        throw new Error('ServiceUnavailable');
      },
    };
    await expect(stage(down, createMemoryJournal()).process(WIRE)).rejects.toThrow('ServiceUnavailable');
    expect(store.records.parked.size).toBe(0);
  });
});

describe('follow-ups', () => {
  it('are paid by a redelivery when the stage died after writing records and before the follow-ups', async () => {
    const store = recordingStore();
    const journal = createMemoryJournal();
    const followUps = new Map([['Harbour', 3]]);
    const first = stage(store, journal, { followUps });
    const port = WIRE.filter((i) => i.id.startsWith('port-'));
    await first.process(port.slice(0, 2));
    // The alerter sent the first alert, naming the two outlets the story had.
    const [[key, intent] = []] = [...store.records.intents];
    store.records.intents.set(key as string, { ...(intent as AlertIntent), status: 'sent', outletsShown: 2 });

    // The third outlet's batch: its records are written, then the stage dies.
    const dying: Store = {
      ...store,
      createAlertIntent: async (i) => {
        if (i.outlets !== undefined) throw new Error('Runtime.ExitError');
        return store.createAlertIntent(i);
      },
    };
    await expect(stage(dying, journal, { followUps }).process(port.slice(2))).rejects.toThrow('ExitError');
    expect(store.records.items.has('port-gazette')).toBe(true);

    // SQS redelivers the batch to a new instance: every item is a repeat, the follow-up is owed still.
    const again = await stage(store, journal, { followUps }).process(port.slice(2));
    expect(again.repeated).toEqual(['port-gazette']);
    const storyId = store.records.items.get('port-gazette')?.membership.storyId;
    expect(again.alertsQueued).toContainEqual({ storyId, topic: 'Harbour', outlets: 3 });
    expect(store.records.intents.get(`${storyId}/Harbour+3`)?.status).toBe('pending');
  });
});

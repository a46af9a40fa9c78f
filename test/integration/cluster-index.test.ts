/**
 * The DynamoDB cluster index on the local servers: the same groups as in memory, its own record
 * semantics, and the race: many copies of a few new events ingested at once by separate
 * clusterers end in exactly one story per event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClusterIndex } from '../../lambdas/adapters/dynamodb/cluster-index.ts';
import { type ClusterIndex, createClusterer, type IndexedItem } from '../../lambdas/core/clustering/index.ts';
import type { Membership } from '../../lambdas/core/model.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../support/dynamodb.ts';
import { type FixtureItem, ITEMS, MERGING } from '../unit/clustering/fixtures.ts';

const membership = (itemId: string, storyId: string): Membership => ({
  storyId,
  itemId,
  isNew: true,
  method: 'new',
  score: 0,
  evidence: {},
});

function record(itemId: string, eventTime: string, state: IndexedItem['state'] = 'final'): IndexedItem {
  return {
    itemId,
    storyId: `st-${itemId}`,
    state,
    eventTime,
    writtenAt: '2026-03-10T09:00:00.000Z',
    features: ['w:tram', 'n:14.2'],
    weights: [2.5, 1.25],
    norm: 2.7951,
    minhash: [1, 2, 4_294_967_295],
    membership: membership(itemId, `st-${itemId}`),
  };
}

const FAR_FUTURE = 4_102_444_800;

/** Copies of a report as other sites carry it: other furniture, one sentence dropped, own URL. */
function copies(item: FixtureItem, n: number): FixtureItem[] {
  const sentences = item.text.split(/(?<=[.!?"])\s+(?=[A-Z"])/);
  return Array.from({ length: n }, (_, j) => {
    const kept = sentences.filter((_, s) => s !== j % sentences.length || sentences.length < 4);
    return {
      ...item,
      id: `${item.id}-copy${j}`,
      url: `https://site${j}.example/${item.id}`,
      source: `site${j}.example`,
      text: `Site ${j} home page\n${kept.join(' ')}\nRelated stories\nMore headlines from site number ${j} today`,
    };
  });
}

describe.each(dynamoTargets())('DynamoDB cluster index on $name', ({ start }) => {
  let target: DynamoTarget;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(async () => {
    await target?.stop();
  });

  async function freshIndex(): Promise<{ index: ClusterIndex; make: () => ClusterIndex }> {
    const { doc, tableName } = await createTestTable(target.endpoint);
    return {
      index: createDynamoClusterIndex(doc, tableName),
      make: () => createDynamoClusterIndex(doc, tableName),
    };
  }

  it('round-trips an item record, MinHash included, and settles it', async () => {
    const { index } = await freshIndex();
    await index.add(record('a', '2026-03-10T09:00:00.000Z', 'pending'), {
      postingKeys: [],
      counted: [],
      day: '2026-03-10',
      expiresAt: FAR_FUTURE,
    });
    expect(await index.getItems(['missing', 'a'])).toEqual([
      record('a', '2026-03-10T09:00:00.000Z', 'pending'),
    ]);
    await index.settle('a', membership('a', 'st-other'));
    const [settled] = await index.getItems(['a']);
    expect(settled).toMatchObject({
      state: 'final',
      storyId: 'st-other',
      membership: { storyId: 'st-other' },
    });
  });

  it('counts features per day once per item and sums the requested days', async () => {
    const { index } = await freshIndex();
    const place = (day: string) => ({
      postingKeys: [],
      counted: ['w:tram', 'n:14.2'],
      day,
      expiresAt: FAR_FUTURE,
    });
    await index.add(record('a', '2026-03-09T09:00:00.000Z'), place('2026-03-09'));
    await index.add(record('b', '2026-03-10T09:00:00.000Z'), place('2026-03-10'));
    await index.add(record('b', '2026-03-10T09:00:00.000Z'), place('2026-03-10'));
    expect(await index.frequencies(['w:tram', 'w:ferry'], ['2026-03-10'])).toEqual({ total: 1, df: [1, 0] });
    expect(await index.frequencies(['w:tram'], ['2026-03-10', '2026-03-09'])).toEqual({ total: 2, df: [2] });
  });

  it('reads postings newest first, within the time range, at most the limit', async () => {
    const { index } = await freshIndex();
    for (const [id, time] of [
      ['old', '2026-03-01T00:00:00.000Z'],
      ['x', '2026-03-10T08:00:00.000Z'],
      ['y', '2026-03-10T09:00:00.000Z'],
      ['z', '2026-03-10T10:00:00.000Z'],
    ] as const) {
      await index.add(record(id, time), {
        postingKeys: ['w:tram'],
        counted: [],
        day: time.slice(0, 10),
        expiresAt: FAR_FUTURE,
      });
    }
    const range = { from: '2026-03-07T00:00:00.000Z', to: '2026-03-13T00:00:00.000Z' };
    expect(await index.postings(['w:tram', 'w:none'], range, 2)).toEqual([['z', 'y'], []]);
    expect(await index.postings(['w:tram'], range, 10)).toEqual([['z', 'y', 'x']]);
  });

  it('gives a claim to its first writer, and frees it once expired', async () => {
    const { index } = await freshIndex();
    expect(await index.claim('g:urn:1', 'a', FAR_FUTURE)).toBe('a');
    expect(await index.claim('g:urn:1', 'b', FAR_FUTURE)).toBe('a');
    expect(await index.claim('g:urn:1', 'a', FAR_FUTURE)).toBe('a');
    expect(await index.claim('c:old', 'a', 1_000)).toBe('a');
    expect(await index.claim('c:old', 'b', FAR_FUTURE)).toBe('b');
  });

  it('writes a story centroid only over the version it was read at', async () => {
    const { index } = await freshIndex();
    const story = {
      storyId: 's1',
      features: ['w:tram'],
      weights: [1],
      counts: [1],
      members: 1,
      version: 1,
      opened: '2026-03-10T09:00:00.000Z',
    };
    expect(await index.putStory(story, FAR_FUTURE)).toBe(true);
    // A record without a stored norm (written before it was kept) reads back without one.
    expect(await index.getStories(['s1'])).toEqual([story]);
    expect(await index.putStory(story, FAR_FUTURE)).toBe(false);
    const grown = { ...story, weights: [1.8], counts: [2], norm: 1.8, members: 2, version: 2 };
    expect(await index.putStory(grown, FAR_FUTURE)).toBe(true);
    expect(await index.putStory({ ...grown, members: 3 }, FAR_FUTURE)).toBe(false);
    expect(await index.getStories(['none', 's1'])).toEqual([grown]);
  });

  it('groups the fixtures as the in-memory index does', async () => {
    const { index } = await freshIndex();
    const clusterer = createClusterer(index);
    const stories = new Map<string, string>();
    for (const item of ITEMS) stories.set(item.id, (await clusterer.assign(item)).storyId);
    expect(stories.get('tram-syndicated')).toBe(stories.get('tram-wire'));
    expect(stories.get('tram-rewrite')).toBe(stories.get('tram-wire'));
    expect(stories.get('storm-rewrite')).toBe(stories.get('storm'));
    expect(new Set(stories.values()).size).toBe(3);
  });

  it('merges two stories on the second item that bridges them, as in memory', async () => {
    const { index } = await freshIndex();
    const clusterer = createClusterer(index);
    const ids: string[] = [];
    for (const item of MERGING) ids.push((await clusterer.assign(item)).storyId);
    const [a = '', b = '', , d = ''] = ids;
    expect(a).not.toBe(b);
    const current = await clusterer.resolve([a, b]);
    expect(current.get(a)).toBe(d);
    expect(current.get(b)).toBe(d);
    expect((await index.getStories([d]))[0]?.members).toBe(4);
  });

  it('ends concurrent ingests of copies of a few new events in one story per event', async () => {
    const bases = ['tram-wire', 'storm', 'budget'].map((id) => ITEMS.find((i) => i.id === id) as FixtureItem);
    for (let round = 0; round < 3; round++) {
      const { make } = await freshIndex();
      const items = bases.flatMap((b) => copies(b, 6));
      const results = await Promise.all(items.map((item) => createClusterer(make()).assign(item)));
      const storiesByEvent = new Map<string, Set<string>>();
      items.forEach((item, i) => {
        const set = storiesByEvent.get(item.event) ?? new Set<string>();
        set.add(results[i]?.storyId ?? '');
        storiesByEvent.set(item.event, set);
      });
      for (const [event, set] of storiesByEvent) expect([event, set.size]).toEqual([event, 1]);
      expect(new Set(results.map((m) => m.storyId)).size).toBe(bases.length);
      expect(results.filter((m) => m.isNew)).toHaveLength(bases.length);
      // The race really happened: some copies found their story only through a claim.
      expect(results.some((m) => m.evidence.note === 'joined a copy ingested concurrently')).toBe(true);
    }
  });
});

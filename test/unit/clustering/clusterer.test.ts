import { describe, expect, it } from 'vitest';
import { createClusterer, createMemoryClusterIndex } from '../../../lambdas/core/clustering/index.ts';
import type { Membership } from '../../../lambdas/core/model.ts';
import { byId, type FixtureItem, ITEMS, TUESDAY } from './fixtures.ts';

async function assignAll(items: FixtureItem[]): Promise<Map<string, Membership>> {
  const clusterer = createClusterer(createMemoryClusterIndex());
  const result = new Map<string, Membership>();
  for (const item of items) result.set(item.id, await clusterer.assign(item));
  return result;
}

/** Groups item ids by story, as sorted lists, so partitions compare whatever the story ids are. */
function partition(memberships: Map<string, Membership>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [id, m] of memberships) groups.set(m.storyId, [...(groups.get(m.storyId) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

const EXPECTED = [['budget'], ['storm', 'storm-rewrite'], ['tram-rewrite', 'tram-syndicated', 'tram-wire']];

describe('createClusterer over the in-memory index', () => {
  it('groups every copy of an event and keeps the later event with the same names apart', async () => {
    expect(partition(await assignAll(ITEMS))).toEqual(EXPECTED);
  });

  it('gives the same groups in reverse order', async () => {
    expect(partition(await assignAll([...ITEMS].reverse()))).toEqual(EXPECTED);
  });

  it('marks the first item of a story new and later copies not', async () => {
    const m = await assignAll(ITEMS);
    expect(m.get('tram-wire')).toMatchObject({ isNew: true, method: 'new' });
    expect(m.get('tram-rewrite')?.isNew).toBe(false);
    expect(m.get('budget')).toMatchObject({ isNew: true, method: 'new' });
  });

  it('calls the same wire text under other furniture a near-duplicate', async () => {
    const m = await assignAll([byId('tram-wire'), byId('tram-syndicated')]);
    expect(m.get('tram-syndicated')).toMatchObject({
      method: 'near-duplicate',
      storyId: m.get('tram-wire')?.storyId,
      evidence: { matchedItemId: 'tram-wire' },
    });
  });

  it('explains a rewrite by the quotation, names and figures it shares', async () => {
    const m = await assignAll([byId('tram-wire'), byId('tram-rewrite')]);
    const rewrite = m.get('tram-rewrite');
    expect(rewrite?.method).toBe('similar');
    expect(rewrite?.evidence.quotes).toContain('We asked for a tunnel and we were given a timetable.');
    expect(rewrite?.evidence.entities).toContain('Elena Vasquez');
    // As the text writes them, not as stems: a reader never sees "judg helena".
    for (const term of rewrite?.evidence.terms ?? []) expect(byId('tram-rewrite').text).toContain(term);
    expect(rewrite?.evidence.numbers).toEqual(expect.arrayContaining(['$310m', '14.2']));
  });

  it('treats the same GUID as the same item, whatever the text', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex());
    const first = await clusterer.assign({ ...byId('storm'), guid: 'urn:x:1' });
    const second = await clusterer.assign({ ...byId('budget'), id: 'other', guid: 'urn:x:1' });
    expect(second).toMatchObject({ storyId: first.storyId, method: 'same-guid', isNew: false });
  });

  it('does not take the same GUID from another outlet for the same item', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex());
    const first = await clusterer.assign({ ...byId('storm'), guid: '1234', source: 'a.example' });
    const second = await clusterer.assign({ ...byId('tram-wire'), guid: '1234', source: 'b.example' });
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('treats the same canonical URL as the same item', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex());
    const first = await clusterer.assign(byId('tram-wire'));
    const second = await clusterer.assign({ ...byId('storm'), id: 'moved', url: byId('tram-wire').url });
    expect(second).toMatchObject({ storyId: first.storyId, method: 'same-url' });
  });

  it('returns the recorded membership when an item is assigned again', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex());
    const first = await clusterer.assign(byId('storm'));
    await clusterer.assign(byId('storm-rewrite'));
    expect(await clusterer.assign(byId('storm'))).toEqual(first);
  });

  it('keeps copies apart when their event times are further apart than the window', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex(), { windowDays: 3 });
    const first = await clusterer.assign(byId('storm'));
    const fourDaysOn = '2026-03-14T10:00:00.000Z';
    const late = await clusterer.assign({
      ...byId('storm-rewrite'),
      published: fourDaysOn,
      seenAt: fourDaysOn,
    });
    expect(late.storyId).not.toBe(first.storyId);
    expect(late.isNew).toBe(true);
  });

  it('stops taking members into a story some days after its first report', async () => {
    // A wire report and a rewrite, alternating 0.9 days apart: each is within the window of the last.
    const chain = async (maxStoryDays: number) => {
      const clusterer = createClusterer(createMemoryClusterIndex(), { maxStoryDays });
      const reports = [byId('tram-wire'), byId('tram-rewrite')];
      const memberships: Membership[] = [];
      for (let day = 0; day < 5; day++) {
        const { url: _url, ...report } = reports[day % 2] ?? byId('tram-wire');
        const at = new Date(Date.parse(TUESDAY) + day * 0.9 * 86_400_000).toISOString();
        memberships.push(await clusterer.assign({ ...report, id: `tram-${day}`, published: at, seenAt: at }));
      }
      return memberships;
    };
    const unbounded = await chain(30);
    expect(new Set(unbounded.map((m) => m.storyId)).size).toBe(1);
    const bounded = await chain(3);
    expect(new Set(bounded.slice(0, 4).map((m) => m.storyId)).size).toBe(1);
    expect(bounded[4]).toMatchObject({
      isNew: true,
      evidence: { note: 'nearest story opened more than 3 days earlier' },
    });
  });

  it('uses first-seen time for an item dated more than a day in the future', async () => {
    const clusterer = createClusterer(createMemoryClusterIndex());
    const first = await clusterer.assign(byId('storm'));
    const misdated = await clusterer.assign({
      ...byId('storm-rewrite'),
      published: '2027-01-01T00:00:00.000Z',
    });
    expect(misdated.storyId).toBe(first.storyId);
  });
});

describe('clusterer time', () => {
  it('stamps records and expiries by the clock it is given, not the wall clock', async () => {
    const index = createMemoryClusterIndex();
    const at = new Date('2031-05-06T07:08:09.000Z');
    const clusterer = createClusterer(index, {}, { now: () => at });
    const [item] = ITEMS;
    if (!item) throw new Error('fixture items are empty');
    await clusterer.assign(item);
    const [stored] = await index.getItems([item.id]);
    expect(stored?.writtenAt).toBe(at.toISOString());
  });
});

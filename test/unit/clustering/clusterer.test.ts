import { describe, expect, it } from 'vitest';
import { SAME_EVENT } from '../../../lambdas/core/clustering/engine/same-event.ts';
import {
  createStoryEngine,
  decodeChange,
  encodeChange,
  indexRecords,
  restoreRecord,
  StoryIndex,
} from '../../../lambdas/core/clustering/index.ts';
import type { Membership } from '../../../lambdas/core/model.ts';
import { byId, type FixtureItem, headline, ITEMS, MERGING, TUESDAY } from './fixtures.ts';

function assignAll(items: FixtureItem[]): Map<string, Membership> {
  const engine = createStoryEngine();
  return new Map(items.map((item) => [item.id, engine.assign(item, { explain: true })]));
}

/** Groups item ids by story, as sorted lists, so partitions compare whatever the story ids are. */
function partition(memberships: Map<string, Membership>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [id, m] of memberships) groups.set(m.storyId, [...(groups.get(m.storyId) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** A window rebuilt from its records as a snapshot carries them: through JSON, in reverse order. */
function restoredThroughJson(index: StoryIndex): StoryIndex {
  const copy = new StoryIndex({ journalled: true });
  for (const record of [...indexRecords(index)].reverse())
    restoreRecord(copy, JSON.parse(JSON.stringify(record)));
  return copy;
}

const sorted = (records: Iterable<unknown>) => [...records].map((r) => JSON.stringify(r)).sort();

const EXPECTED = [['budget'], ['storm', 'storm-rewrite'], ['tram-rewrite', 'tram-syndicated', 'tram-wire']];

describe('the story engine', () => {
  it('groups every copy of an event and keeps the later event with the same names apart', () => {
    expect(partition(assignAll(ITEMS))).toEqual(EXPECTED);
  });

  it('gives the same groups in reverse order', () => {
    expect(partition(assignAll([...ITEMS].reverse()))).toEqual(EXPECTED);
  });

  it('marks the first item of a story new and later copies not', () => {
    const m = assignAll(ITEMS);
    expect(m.get('tram-wire')).toMatchObject({ isNew: true, method: 'new' });
    expect(m.get('tram-rewrite')).toMatchObject({ isNew: false, method: 'same-event' });
    expect(m.get('budget')).toMatchObject({ isNew: true, method: 'new' });
  });

  it('joins the same wire text under other furniture, naming the report that started the story', () => {
    const m = assignAll([byId('tram-wire'), byId('tram-syndicated')]);
    expect(m.get('tram-syndicated')).toMatchObject({
      storyId: m.get('tram-wire')?.storyId,
      evidence: { matchedItemId: 'tram-wire' },
    });
    expect(m.get('tram-syndicated')?.score).toBeGreaterThan(0.95);
  });

  it('treats the same GUID as the same item, whatever the text', () => {
    const engine = createStoryEngine();
    const first = engine.assign({ ...byId('storm'), guid: 'urn:x:1' });
    const second = engine.assign({ ...byId('budget'), id: 'other', guid: 'urn:x:1' });
    expect(second).toMatchObject({ storyId: first.storyId, method: 'same-guid', isNew: false });
  });

  it('does not take the same GUID from another outlet for the same item', () => {
    const engine = createStoryEngine();
    const first = engine.assign({ ...byId('storm'), guid: '1234', source: 'a.example' });
    const second = engine.assign({ ...byId('tram-wire'), guid: '1234', source: 'b.example' });
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('treats the same canonical URL as the same item', () => {
    const engine = createStoryEngine();
    const first = engine.assign(byId('tram-wire'));
    const second = engine.assign({ ...byId('storm'), id: 'moved', url: byId('tram-wire').url });
    expect(second).toMatchObject({ storyId: first.storyId, method: 'same-url' });
  });

  it('answers an item assigned again with its story, deciding nothing anew', () => {
    const engine = createStoryEngine(new StoryIndex({ journalled: true }));
    const first = engine.assign(byId('storm'));
    engine.assign(byId('storm-rewrite'));
    expect(engine.index.takeChanges()).toHaveLength(2);
    expect(engine.assign(byId('storm'))).toMatchObject({ storyId: first.storyId, method: 'repeated' });
    expect(engine.index.takeChanges()).toEqual([]);
  });

  it('keeps copies apart when their event times are further apart than the window', () => {
    const engine = createStoryEngine(undefined, { windowDays: 3 });
    const first = engine.assign(byId('storm'));
    const fourDaysOn = '2026-03-14T10:00:00.000Z';
    const late = engine.assign({ ...byId('storm-rewrite'), published: fourDaysOn, seenAt: fourDaysOn });
    expect(late.storyId).not.toBe(first.storyId);
    expect(late.isNew).toBe(true);
  });

  it('stops taking members into a story some days after its first report', () => {
    // A wire report and a rewrite, alternating 0.9 days apart: each is within the window of the last.
    const chain = (maxStoryDays: number) => {
      const engine = createStoryEngine(undefined, { maxStoryDays });
      const reports = [byId('tram-wire'), byId('tram-rewrite')];
      return Array.from({ length: 5 }, (_, day) => {
        const { url: _url, ...report } = reports[day % 2] ?? byId('tram-wire');
        const at = new Date(Date.parse(TUESDAY) + day * 0.9 * 86_400_000).toISOString();
        return engine.assign({ ...report, id: `tram-${day}`, published: at, seenAt: at });
      });
    };
    expect(new Set(chain(30).map((m) => m.storyId)).size).toBe(1);
    const bounded = chain(3);
    expect(new Set(bounded.slice(0, 4).map((m) => m.storyId)).size).toBe(1);
    expect(bounded[4]).toMatchObject({ isNew: true, evidence: { note: 'no candidate in the time window' } });
  });

  it('uses first-seen time for an item dated more than a day in the future', () => {
    const engine = createStoryEngine();
    const first = engine.assign(byId('storm'));
    const misdated = engine.assign({ ...byId('storm-rewrite'), published: '2027-01-01T00:00:00.000Z' });
    expect(misdated.storyId).toBe(first.storyId);
  });
});

describe('merges', () => {
  it('folds the later of two stories into the earlier when an item bridges them', () => {
    const engine = createStoryEngine();
    const [a, b, c, e] = MERGING.map((h) => engine.assign(h));
    expect(b?.storyId).not.toBe(a?.storyId);
    expect(e?.storyId).toBe(a?.storyId);
    expect(e?.merged).toEqual([b?.storyId]);
    // Members placed before the merge now read as the surviving story.
    expect(engine.index.current(c?.storyId ?? '')).toBe(a?.storyId);
  });

  it('sends a later copy of either report to the surviving story', () => {
    const engine = createStoryEngine();
    const [first] = MERGING.map((h) => engine.assign(h));
    const later = engine.assign(headline('f', 'Costume change mishap at Milwaukee concert', 5));
    expect(later.storyId).toBe(first?.storyId);
  });

  it('replays and restores a window that merged to the same decisions', () => {
    const original = createStoryEngine(new StoryIndex({ journalled: true }));
    for (const h of MERGING) original.assign(h);
    const journal = original.index.takeChanges().map((c) => JSON.parse(JSON.stringify(encodeChange(c))));
    expect(journal.map((c) => c.op)).toContain('merge');
    const replayed = new StoryIndex();
    for (const change of journal) replayed.apply(decodeChange(change));
    const restored = restoredThroughJson(original.index);
    const next = headline('g', 'Miley Cyrus concert costume mishap in Milwaukee', 6);
    const expected = original.assign(next);
    expect(createStoryEngine(replayed).assign(next)).toEqual(expected);
    expect(createStoryEngine(restored).assign(next)).toEqual(expected);
  });
});

describe('explanations', () => {
  const sum = (m: Membership | undefined) =>
    (m?.evidence.baseline ?? 0) + (m?.evidence.kinds ?? []).reduce((s, k) => s + k.contribution, 0);

  it("explain a join by each kind's share, in the words of the item's text", () => {
    const rewrite = assignAll([byId('tram-wire'), byId('tram-rewrite')]).get('tram-rewrite');
    const kinds = new Map(rewrite?.evidence.kinds?.map((k) => [k.kind, k]));
    expect(kinds.get('names')?.contribution).toBeGreaterThan(0);
    expect(kinds.get('names')?.shared).toEqual(expect.arrayContaining(['Saltmarsh', 'Elena']));
    for (const name of kinds.get('names')?.shared ?? []) expect(byId('tram-wire').text).toContain(name);
    expect(kinds.get('figures')?.shared).toEqual(expect.arrayContaining(['$310m']));
    expect(kinds.get('quotes')?.shared).toContain('We asked for a tunnel and we were given a timetable.');
    for (const word of kinds.get('body')?.shared ?? []) expect(byId('tram-rewrite').text).toContain(word);
    // The shares add up to the model's log-odds, which reach its cut-off.
    expect(sum(rewrite)).toBeGreaterThanOrEqual(cutoffLogit());
  });

  it("explain a refusal the same way: the shares stay under the cut-off's log-odds", () => {
    // The same kind of vote the same day in another city: other names, figures and quotes.
    const lookalike: FixtureItem = {
      id: 'bus',
      event: 'budget',
      title: 'Northpoint approves bus lanes to the western quays',
      text: `Northpoint city council on Tuesday approved 6 kilometres of bus lanes to the western quays.
Mayor Ingrid Tamm said the vote was "a fair deal for every family on the north shore".
The lanes will cost $42 million and add three stops between Ferry Hill and the Kelp Yard.
Councillor Ruth Abara, who opposed the plan, said shop owners on Pier Road had been ignored.`,
      published: '2026-03-10T13:00:00.000Z',
      seenAt: '2026-03-10T13:00:00.000Z',
    };
    const refused = assignAll([byId('tram-wire'), lookalike]).get('bus');
    expect(refused?.isNew).toBe(true);
    expect(refused?.evidence.matchedItemId).toBe('tram-wire');
    const kinds = new Map(refused?.evidence.kinds?.map((k) => [k.kind, k]));
    expect(kinds.get('body')?.similarity).toBeGreaterThan(0);
    expect(kinds.get('names')?.shared ?? []).not.toContain('Elena Vasquez');
    expect(sum(refused)).toBeLessThan(cutoffLogit());
  });
});

function cutoffLogit(): number {
  const p = SAME_EVENT.full.join.cutoff;
  return Math.log(p / (1 - p));
}

describe('the window as data', () => {
  it('replays its journalled changes into a window that decides as the original', () => {
    const original = createStoryEngine(new StoryIndex({ journalled: true }));
    for (const item of ITEMS.slice(0, 3)) original.assign(item);
    const journal = original.index.takeChanges().map((c) => JSON.parse(JSON.stringify(encodeChange(c))));
    const replayed = new StoryIndex();
    expect(journal).toHaveLength(3);
    for (const change of journal) replayed.apply(decodeChange(change));
    const copy = createStoryEngine(replayed);
    for (const item of ITEMS.slice(3)) expect(copy.assign(item)).toEqual(original.assign(item));
  });

  it('restores from an exported state, through JSON, to the same decisions', () => {
    const original = createStoryEngine();
    for (const item of ITEMS.slice(0, 3)) original.assign(item);
    const copy = createStoryEngine(restoredThroughJson(original.index));
    expect(sorted(indexRecords(copy.index))).toEqual(sorted(indexRecords(original.index)));
    for (const item of ITEMS.slice(3)) expect(copy.assign(item)).toEqual(original.assign(item));
  });

  it('forgets stories whose members all fell out of the window', () => {
    const engine = createStoryEngine();
    for (const item of ITEMS) engine.assign(item);
    engine.index.evictBefore(Date.parse(TUESDAY) + 30 * 86_400_000);
    expect(engine.index.stories.size).toBe(0);
    expect(engine.index.items.size).toBe(0);
    expect(engine.index.postings.size).toBe(0);
    expect(engine.index.days.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryClusterIndex, type IndexedItem } from '../../../lambdas/core/clustering/index.ts';

const FAR_FUTURE = 4_102_444_800;

function record(itemId: string, eventTime: string): IndexedItem {
  return {
    itemId,
    storyId: `st-${itemId}`,
    state: 'final',
    eventTime,
    writtenAt: eventTime,
    features: ['w:tram'],
    weights: [1],
    norm: 1,
    membership: { storyId: `st-${itemId}`, itemId, isNew: true, method: 'new', score: 0, evidence: {} },
  };
}

const place = (postingKeys: string[], day: string) => ({
  postingKeys,
  counted: ['w:tram'],
  day,
  expiresAt: FAR_FUTURE,
});

describe('createMemoryClusterIndex', () => {
  it('reads postings newest first, within the range, at most the limit, whatever the insertion order', async () => {
    const index = createMemoryClusterIndex();
    await index.add(record('y', '2026-03-10T09:00:00.000Z'), place(['w:tram'], '2026-03-10'));
    await index.add(record('old', '2026-03-01T00:00:00.000Z'), place(['w:tram'], '2026-03-01'));
    await index.add(record('z', '2026-03-10T10:00:00.000Z'), place(['w:tram'], '2026-03-10'));
    await index.add(record('x', '2026-03-10T08:00:00.000Z'), place(['w:tram'], '2026-03-10'));
    const range = { from: '2026-03-07T00:00:00.000Z', to: '2026-03-10T09:30:00.000Z' };
    expect(await index.postings(['w:tram', 'w:none'], range, 10)).toEqual([['y', 'x'], []]);
    expect(await index.postings(['w:tram'], { ...range, to: '2026-03-13T00:00:00.000Z' }, 2)).toEqual([
      ['z', 'y'],
    ]);
  });

  it('counts an item once, per day', async () => {
    const index = createMemoryClusterIndex();
    await index.add(record('a', '2026-03-09T09:00:00.000Z'), place([], '2026-03-09'));
    await index.add(record('b', '2026-03-10T09:00:00.000Z'), place([], '2026-03-10'));
    await index.add(record('b', '2026-03-10T09:00:00.000Z'), place([], '2026-03-10'));
    expect(await index.frequencies(['w:tram', 'w:x'], ['2026-03-10'])).toEqual({ total: 1, df: [1, 0] });
    expect(await index.frequencies(['w:tram'], ['2026-03-10', '2026-03-09'])).toEqual({ total: 2, df: [2] });
  });

  it('gives a claim to its first writer until it expires', async () => {
    const index = createMemoryClusterIndex();
    expect(await index.claim('k', 'a', FAR_FUTURE)).toBe('a');
    expect(await index.claim('k', 'b', FAR_FUTURE)).toBe('a');
    expect(await index.claim('old', 'a', 1_000)).toBe('a');
    expect(await index.claim('old', 'b', FAR_FUTURE)).toBe('b');
  });

  it('writes a story only over the version it was read at', async () => {
    const index = createMemoryClusterIndex();
    const story = { storyId: 's', features: ['w:a'], weights: [1], counts: [1], members: 1, version: 1 };
    expect(await index.putStory(story, FAR_FUTURE)).toBe(true);
    expect(await index.putStory(story, FAR_FUTURE)).toBe(false);
    expect(await index.putStory({ ...story, version: 3 }, FAR_FUTURE)).toBe(false);
    expect(await index.putStory({ ...story, members: 2, version: 2 }, FAR_FUTURE)).toBe(true);
    expect(await index.getStories(['s', 'none'])).toEqual([{ ...story, members: 2, version: 2 }]);
  });

  it('settles a pending item to its final story', async () => {
    const index = createMemoryClusterIndex();
    await index.add(
      { ...record('a', '2026-03-10T09:00:00.000Z'), state: 'pending' },
      place([], '2026-03-10'),
    );
    const membership = {
      storyId: 'st-b',
      itemId: 'a',
      isNew: false,
      method: 'similar',
      score: 0.5,
      evidence: {},
    };
    await index.settle('a', membership);
    expect(await index.getItems(['a'])).toMatchObject([{ state: 'final', storyId: 'st-b', membership }]);
  });
});

import { describe, expect, it } from 'vitest';
import { currentStories } from '../../../lambdas/core/clustering/assign/matching.ts';
import {
  type ClusterOptions,
  createClusterer,
  createMemoryClusterIndex,
} from '../../../lambdas/core/clustering/index.ts';
import { headline, MERGING } from './fixtures.ts';

const [FIRST, SECOND, BRIDGE, CONFIRM] = MERGING;

async function run(options: Partial<ClusterOptions> = {}) {
  const clusterer = createClusterer(createMemoryClusterIndex(), options);
  const first = await clusterer.assign(FIRST);
  const second = await clusterer.assign(SECOND);
  const bridge = await clusterer.assign(BRIDGE);
  const apart = await clusterer.resolve([first.storyId, second.storyId]);
  const confirm = await clusterer.assign(CONFIRM);
  return { clusterer, first, second, bridge, apart, confirm };
}

describe('merging stories items show to be one event', () => {
  it('waits for a second bridging item: one alone may be a digest of two events', async () => {
    const { first, second, bridge, apart } = await run();
    expect(first.storyId).not.toBe(second.storyId);
    expect(bridge.merged).toBeUndefined();
    expect(apart.get(first.storyId)).not.toBe(apart.get(second.storyId));
  });

  it('folds the later story id into the earlier one when a second item bridges them', async () => {
    const { clusterer, first, second, confirm } = await run();
    const [survivor, absorbed] = [first.storyId, second.storyId].sort();
    expect(confirm).toMatchObject({ storyId: survivor, merged: [absorbed] });
    const current = await clusterer.resolve([first.storyId, second.storyId]);
    expect(current.get(first.storyId)).toBe(survivor);
    expect(current.get(second.storyId)).toBe(survivor);
  });

  it('keeps both stories when their centroids are further apart than the merge threshold', async () => {
    const { clusterer, first, second, confirm } = await run({ mergeThreshold: 1.01 });
    expect(confirm.merged).toBeUndefined();
    const current = await clusterer.resolve([first.storyId, second.storyId]);
    expect(current.get(first.storyId)).not.toBe(current.get(second.storyId));
  });

  it('sends later copies of either report to the surviving story', async () => {
    const { clusterer, confirm } = await run();
    const late = await clusterer.assign(headline('d', 'Milwaukee concert costume change mishap', 4));
    expect(late.storyId).toBe(confirm.storyId);
  });

  it('returns the merge again when the assignment is retried', async () => {
    const { clusterer, confirm } = await run();
    expect(await clusterer.assign(CONFIRM)).toEqual(confirm);
  });
});

describe('currentStories', () => {
  it('follows a chain of merges to the story holding the members', async () => {
    const index = createMemoryClusterIndex();
    const story = (storyId: string, mergedInto?: string) => ({
      storyId,
      features: ['w:x'],
      weights: [1],
      counts: [1],
      members: 1,
      version: 1,
      ...(mergedInto ? { mergedInto } : {}),
    });
    await index.putStory(story('st_c'), 0);
    await index.putStory(story('st_b', 'st_a'), 0);
    await index.putStory(story('st_a'), 0);
    await index.putStory(story('st_d', 'st_b'), 0);
    const current = await currentStories(index, ['st_d', 'st_b', 'st_c', 'st_missing']);
    expect(current.get('st_d')?.storyId).toBe('st_a');
    expect(current.get('st_b')?.storyId).toBe('st_a');
    expect(current.get('st_c')?.storyId).toBe('st_c');
    expect(current.has('st_missing')).toBe(false);
  });
});

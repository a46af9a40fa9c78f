import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../lambdas/core/clustering/index.ts';
import { thresholdFor } from '../../../lambdas/core/clustering/matching.ts';
import { absorb, storyCosine, type Vector, weigh } from '../../../lambdas/core/clustering/similarity.ts';

function vector(weights: Record<string, number>, df: Record<string, number> = {}): Vector {
  const features = Object.keys(weights);
  const values = features.map((f) => weights[f] ?? 0);
  return {
    features,
    weights: values,
    norm: Math.sqrt(values.reduce((s, w) => s + w * w, 0)),
    byFeature: new Map(features.map((f, i) => [f, values[i] ?? 0])),
    df: new Map(features.map((f) => [f, df[f] ?? 0])),
  };
}

describe('weigh', () => {
  it('multiplies local weights by ln((N + prior) / (df + 1))', () => {
    const v = weigh({ features: ['w:a', 'w:b'], local: [2, 1], quotes: [] }, { total: 80, df: [0, 19] }, 20);
    expect(v.weights[0]).toBeCloseTo(2 * Math.log(100), 10);
    expect(v.weights[1]).toBeCloseTo(Math.log(5), 10);
    expect(v.df.get('w:b')).toBe(19);
  });
});

describe('absorb', () => {
  it('adds unit vectors, counts members per feature, bumps the version and keeps the earliest time', () => {
    const first = absorb(undefined, 's', vector({ 'w:a': 3, 'w:b': 4 }), 10, '2026-03-10T09:00:00.000Z');
    expect(first).toEqual({
      storyId: 's',
      features: ['w:b', 'w:a'],
      weights: [0.8, 0.6],
      counts: [1, 1],
      norm: 1,
      members: 1,
      version: 1,
      opened: '2026-03-10T09:00:00.000Z',
    });
    const second = absorb(first, 's', vector({ 'w:a': 1 }), 10, '2026-03-10T08:00:00.000Z');
    expect(second).toEqual({
      storyId: 's',
      features: ['w:a', 'w:b'],
      weights: [1.6, 0.8],
      counts: [2, 1],
      norm: Math.hypot(1.6, 0.8),
      members: 2,
      version: 2,
      opened: '2026-03-10T08:00:00.000Z',
    });
  });

  it('keeps only the heaviest features', () => {
    expect(
      absorb(undefined, 's', vector({ 'w:a': 1, 'w:b': 3, 'w:c': 2 }), 2, '2026-03-10T09:00:00.000Z')
        .features,
    ).toEqual(['w:b', 'w:c']);
  });
});

describe('storyCosine', () => {
  const story = {
    storyId: 's',
    features: ['w:a', 'w:b'],
    weights: [3, 4],
    counts: [2, 1],
    members: 2,
    version: 2,
  };
  const anchor = { share: 0.75, members: 2 };

  it('is the cosine with the centroid and lists the shared features', () => {
    const s = storyCosine(vector({ 'w:a': 1, 'w:c': 1 }), story, anchor);
    expect(s.score).toBeCloseTo(3 / (Math.SQRT2 * 5), 10);
    expect(s.shared).toEqual(['w:a']);
  });

  it('takes the stored norm of the centroid when the record has one', () => {
    const s = storyCosine(vector({ 'w:a': 1 }), { ...story, norm: 6 }, anchor);
    expect(s.score).toBeCloseTo(3 / 6, 10);
  });

  it('anchors on a feature most recent carriers of which are members', () => {
    expect(storyCosine(vector({ 'w:a': 1 }, { 'w:a': 2 }), story, anchor).anchor).toBe('w:a');
    expect(storyCosine(vector({ 'w:a': 1 }, { 'w:a': 3 }), story, anchor).anchor).toBeUndefined();
    expect(storyCosine(vector({ 'w:b': 1 }, { 'w:b': 1 }), story, anchor).anchor).toBeUndefined();
  });
});

describe('thresholdFor', () => {
  it('moves from the headline threshold to the full-text one as features grow', () => {
    const opts = {
      ...DEFAULT_OPTIONS,
      threshold: 0.1,
      longThreshold: 0.3,
      featureRange: [10, 30] as [number, number],
    };
    expect(thresholdFor(opts, 5)).toBeCloseTo(0.1, 10);
    expect(thresholdFor(opts, 20)).toBeCloseTo(0.2, 10);
    expect(thresholdFor(opts, 60)).toBeCloseTo(0.3, 10);
  });
});

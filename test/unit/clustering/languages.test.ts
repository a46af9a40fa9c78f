import { describe, expect, it } from 'vitest';
import { type ClusterInput, createStoryEngine } from '../../../lambdas/core/clustering/index.ts';
import {
  JA_STORM,
  JA_TRAM_REWRITE,
  JA_TRAM_WIRE,
  KO_TRAM_REWRITE,
  KO_TRAM_WIRE,
  ZH_TRAM_REWRITE,
  ZH_TRAM_WIRE,
} from '../../fixtures/multilingual/stories.ts';

/** Item ids grouped by story, as sorted lists. */
function stories(items: ClusterInput[]): string[][] {
  const engine = createStoryEngine();
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const { storyId } = engine.assign(item);
    groups.set(storyId, [...(groups.get(storyId) ?? []), item.id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('stories within a language', () => {
  it('joins two Japanese reports of one event and keeps a later event with the same names apart', () => {
    expect(stories([JA_TRAM_WIRE, JA_TRAM_REWRITE, JA_STORM])).toEqual([
      ['ja-storm'],
      ['ja-tram-rewrite', 'ja-tram-wire'],
    ]);
  });

  it('joins two Chinese reports of one event', () => {
    expect(stories([ZH_TRAM_WIRE, ZH_TRAM_REWRITE])).toEqual([['zh-tram-rewrite', 'zh-tram-wire']]);
  });

  it('joins two Korean reports of one event, whatever particles their words carry', () => {
    expect(stories([KO_TRAM_WIRE, KO_TRAM_REWRITE])).toEqual([['ko-tram-rewrite', 'ko-tram-wire']]);
  });

  it('keeps the Japanese and the Chinese reports of one event in two stories', () => {
    expect(stories([JA_TRAM_WIRE, ZH_TRAM_WIRE, JA_TRAM_REWRITE, ZH_TRAM_REWRITE])).toEqual([
      ['ja-tram-rewrite', 'ja-tram-wire'],
      ['zh-tram-rewrite', 'zh-tram-wire'],
    ]);
  });
});

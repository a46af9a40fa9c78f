import { describe, expect, it } from 'vitest';
import { createStoryEngine } from '../../../lambdas/core/clustering/index.ts';
import { byId } from './fixtures.ts';

/** Stories `ids`, in that order, each holding the same report: all posted under the same terms. */
function engineWith(ids: string[], maxPostingStories: number) {
  const engine = createStoryEngine(undefined, { maxPostingStories });
  const report = byId('tram-wire');
  for (const id of ids) engine.commit(engine.prepare({ ...report, id: `${id}-item` }), id);
  return { engine, copy: engine.prepare({ ...byId('tram-syndicated'), id: 'copy' }) };
}

describe('posting lists', () => {
  it('are read from the stories posted last, at most maxPostingStories of each', () => {
    const { engine, copy } = engineWith(['first', 'second', 'third'], 2);
    expect(
      engine
        .candidates(copy)
        .map((c) => c.story.id)
        .sort(),
    ).toEqual(['second', 'third']);
  });

  it('are read whole when shorter than the bound', () => {
    const { engine, copy } = engineWith(['first', 'second', 'third'], 3);
    expect(
      engine
        .candidates(copy)
        .map((c) => c.story.id)
        .sort(),
    ).toEqual(['first', 'second', 'third']);
  });
});

import { describe, expect, it } from 'vitest';
import type { CompiledLeaf, CompiledNode } from '../../../lambdas/core/topics/compiled.ts';
import { chooseTriggers } from '../../../lambdas/core/topics/triggers.ts';

// Atoms 0..4 with hand-set costs: 0 "japan" 1, 1 "defense" 1, 2 "of" 100, 3 "gdp" 3, 4 "korea" 1.
const COSTS = [1, 1, 100, 3, 1];
const leaves: CompiledLeaf[] = [
  { atoms: [0], field: undefined, display: 'japan' },
  { atoms: [1], field: undefined, display: 'defense' },
  { atoms: [2, 3], field: undefined, display: '"of gdp"' },
  { atoms: [4], field: undefined, display: 'korea' },
];
const leaf = (id: number): CompiledNode => ({ kind: 'leaf', leaf: id });
const triggers = (root: CompiledNode) => chooseTriggers(root, leaves, (atom) => COSTS[atom] ?? 1).sort();

describe('chooseTriggers', () => {
  it('needs every branch of an OR', () => {
    expect(triggers({ kind: 'or', children: [leaf(0), leaf(3)] })).toEqual([0, 4]);
  });

  it('needs only the cheapest side of an AND', () => {
    const or = { kind: 'or' as const, children: [leaf(1), leaf(3)] };
    expect(triggers({ kind: 'and', children: [or, leaf(0)] })).toEqual([0]);
  });

  it('takes the rarest word of a phrase', () => {
    expect(triggers(leaf(2))).toEqual([3]);
  });

  it('takes one side of a NEAR and never a NOT', () => {
    const near: CompiledNode = { kind: 'near', left: leaf(2), right: leaf(1), distance: 5, ordered: false };
    expect(triggers({ kind: 'and', children: [{ kind: 'not', child: leaf(0) }, near] })).toEqual([1]);
  });

  it('refuses a query that needs no word', () => {
    expect(() => triggers({ kind: 'not', child: leaf(0) })).toThrow(/no required term/);
  });
});

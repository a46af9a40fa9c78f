/**
 * Chooses, per topic, a small set of atoms one of which every matching item must contain: all
 * branches of an OR, but only one side of an AND or NEAR. Only items containing a trigger evaluate
 * the topic, so a common word in one branch of an AND does not make the topic a candidate everywhere.
 */
import type { CompiledLeaf, CompiledNode } from './compiled.ts';

interface Trigger {
  atoms: number[];
  cost: number;
}

/** Guesses how often an atom occurs in news text, relative to an ordinary word. */
export type AtomCost = (atom: number) => number;

export function chooseTriggers(
  root: CompiledNode,
  leaves: readonly CompiledLeaf[],
  cost: AtomCost,
): number[] {
  const trigger = triggerOf(root, leaves, cost);
  if (trigger === undefined) throw new Error('a topic query with no required term reached the trigger index');
  return [...new Set(trigger.atoms)];
}

function triggerOf(node: CompiledNode, leaves: readonly CompiledLeaf[], cost: AtomCost): Trigger | undefined {
  switch (node.kind) {
    case 'leaf':
      // A phrase needs all its words: its rarest word is enough.
      return cheapest((leaves[node.leaf]?.atoms ?? []).map((atom) => ({ atoms: [atom], cost: cost(atom) })));
    case 'or': {
      const parts = node.children.map((c) => triggerOf(c, leaves, cost));
      if (parts.some((p) => p === undefined)) return undefined;
      const defined = parts.filter((p) => p !== undefined);
      return { atoms: defined.flatMap((p) => p.atoms), cost: defined.reduce((sum, p) => sum + p.cost, 0) };
    }
    case 'and':
      return cheapest(node.children.map((c) => triggerOf(c, leaves, cost)));
    case 'near':
      return cheapest([triggerOf(node.left, leaves, cost), triggerOf(node.right, leaves, cost)]);
    case 'not':
      return undefined;
  }
}

function cheapest(options: (Trigger | undefined)[]): Trigger | undefined {
  let best: Trigger | undefined;
  for (const option of options) {
    if (option !== undefined && (best === undefined || option.cost < best.cost)) best = option;
  }
  return best;
}

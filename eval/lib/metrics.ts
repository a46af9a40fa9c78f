/**
 * Clustering scores. B-cubed (Bagga & Baldwin 1998): for each item, precision is the share of its
 * predicted cluster that shares its gold cluster, recall the share of its gold cluster that it
 * was put with; both averaged over items. Pairwise: over all pairs of items put together / truly
 * together.
 */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  pairPrecision: number;
  pairRecall: number;
}

/** Both maps from item id to a cluster label; only ids present in both are scored. */
export function score(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): Scores {
  const ids = [...predicted.keys()].filter((id) => gold.has(id));
  const joint = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  for (const id of ids) {
    const p = predicted.get(id) ?? '';
    const g = gold.get(id) ?? '';
    const key = `${p}\u0000${g}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const id of ids) {
    const p = predicted.get(id) ?? '';
    const g = gold.get(id) ?? '';
    const both = joint.get(`${p}\u0000${g}`) ?? 0;
    precision += both / (predSize.get(p) ?? 1);
    recall += both / (goldSize.get(g) ?? 1);
  }
  const n = ids.length || 1;
  precision /= n;
  recall /= n;
  const pairs = (sizes: Iterable<number>) => [...sizes].reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
  const together = pairs(joint.values());
  const predPairs = pairs(predSize.values());
  const goldPairs = pairs(goldSize.values());
  return {
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    pairPrecision: predPairs > 0 ? together / predPairs : 1,
    pairRecall: goldPairs > 0 ? together / goldPairs : 1,
  };
}

export function formatScores(label: string, s: Scores): string {
  const f = (x: number) => x.toFixed(3);
  return `${label.padEnd(44)} B3 P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}   pairs P ${f(s.pairPrecision)}  R ${f(s.pairRecall)}`;
}

/**
 * A decision in the reader's terms: each kind of evidence, how alike the item and the nearest
 * story are in it, its share of the model's log-odds, and the shared terms as the item's text
 * writes them ("names: Rubio, Kuala Lumpur +2.1; figures: $480m +1.3; body 0.41").
 */
import type { MembershipEvidence } from '../../model.ts';
import { type Evidence, KINDS } from '../fingerprint/evidence.ts';
import type { SparseVector } from '../fingerprint/vector.ts';
import { contributionsByKind, type Logistic } from './model.ts';
import type { StoryEntry } from './story-index.ts';

const MAX_SHARED = 6;
const MAX_QUOTE_CHARS = 160;

/** `item.evidence` read with its written forms: the words shown are the item's own. */
export function explanation(
  item: { evidence: Evidence; fingerprint: { vectors: readonly SparseVector[] } },
  best: { story: StoryEntry; row: number[] },
  model: Logistic,
): MembershipEvidence {
  const forms = item.evidence.written ?? [];
  const vectors = item.fingerprint.vectors;
  const contributions = contributionsByKind(best.row, model);
  const kinds = KINDS.map((kind, k) => ({
    kind,
    similarity: round(best.row[1 + k] ?? 0),
    contribution: round(contributions[k] ?? 0),
    shared: shared(vectors[k], best.story.sums[k]).flatMap((id) => forms[k]?.get(id) ?? []),
  })).filter((e) => e.similarity !== 0 || e.contribution !== 0);
  const words = (kind: string) => [...new Set(kinds.find((e) => e.kind === kind)?.shared ?? [])];
  return {
    kinds: kinds.map((e) => ({ ...e, shared: [...new Set(e.shared)].map(clip) })),
    baseline: round((model.weights[0] ?? 0) * (best.row[0] ?? 0)),
    entities: words('names'),
    numbers: words('figures'),
    terms: [...new Set([...words('title'), ...words('body')])],
    quotes: words('quotes').map(clip),
  };
}

/** Ids both vectors carry, heaviest in their product first, at most MAX_SHARED. */
function shared(a: SparseVector | undefined, b: SparseVector | undefined): number[] {
  if (!a || !b) return [];
  const found: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x === y) found.push([x, (a.weights[i++] as number) * (b.weights[j++] as number)]);
    else if (x < y) i++;
    else j++;
  }
  return found
    .sort((p, q) => q[1] - p[1])
    .slice(0, MAX_SHARED)
    .map(([id]) => id);
}

function clip(text: string): string {
  return text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS)}…` : text;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

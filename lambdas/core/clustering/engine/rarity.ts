/**
 * How rare each term is: a background table of English (background/) mixed with the stream's own
 * counts of the last two event days. idf = ln((M + N) / (M p + df + 1)): M pseudo-documents of
 * background in which a share p carry the term, N stream items of which df carry it. The
 * background keeps weights, and so the model's cut-off, stable while a stream is young; the
 * stream's counts take over as it grows and teach it what its news repeats.
 *
 * The counts are count-min sketches, one per event day: memory is fixed whatever the traffic (a
 * few megabytes a day), where a map of every name and figure ever seen grew with each item.
 */

import { ENGLISH_BACKGROUND } from '../background/english.ts';
import { parseBackground } from '../background/table.ts';
import { KIND_COUNT, termId } from '../fingerprint/evidence.ts';
import { mix32 } from '../fingerprint/hash.ts';

/** Kinds whose terms are words the background table knows: body, title, single-word names. */
const BACKGROUND_KINDS = [0, 1, 2];
/** Quotation shingles are rare by construction (only copies share them): never counted. */
export const COUNTED_KINDS = [0, 1, 2, 3, 4];
const IS_BACKGROUND = Array.from({ length: KIND_COUNT }, (_, k) => BACKGROUND_KINDS.includes(k));
const IS_COUNTED = Array.from({ length: KIND_COUNT }, (_, k) => COUNTED_KINDS.includes(k));

let background: Map<number, number> | undefined;

/** Term id to the share of background documents carrying it; built on first use. */
function backgroundShare(): Map<number, number> {
  if (background) return background;
  background = new Map();
  for (const [stem, nats] of parseBackground(ENGLISH_BACKGROUND))
    for (const kind of BACKGROUND_KINDS) background.set(termId(kind, stem), Math.exp(-nats));
  return background;
}

const ROWS = 3;
const WIDTH_BITS = 18;
const MASK = (1 << WIDTH_BITS) - 1;
const SATURATED = 0xffff;

/** One day's document frequencies: a conservative-update count-min sketch, saturating at 65,535. */
export class DaySketch {
  docs = 0;
  readonly cells: Uint16Array;

  constructor(cells?: Uint16Array, docs = 0) {
    this.cells = cells ?? new Uint16Array(ROWS << WIDTH_BITS);
    this.docs = docs;
  }

  estimate(id: number): number {
    return this.at(slot(id, 0), slot(id, 1), slot(id, 2));
  }

  /** The estimate from the three cells of an id (the same cells in every day's sketch). */
  at(a: number, b: number, c: number): number {
    const { cells } = this;
    return Math.min(cells[a] as number, cells[b] as number, cells[c] as number);
  }

  /** Counts one document carrying `ids` (each id once). */
  count(ids: Iterable<number>): void {
    this.docs++;
    const { cells } = this;
    for (const id of ids) {
      const a = slot(id, 0);
      const b = slot(id, 1);
      const c = slot(id, 2);
      const current = Math.min(cells[a] as number, cells[b] as number, cells[c] as number);
      if (current === SATURATED) continue;
      // Conservative update: only the cells at the minimum grow, which keeps overcounts small.
      if (cells[a] === current) cells[a] = current + 1;
      if (cells[b] === current) cells[b] = current + 1;
      if (cells[c] === current) cells[c] = current + 1;
    }
  }
}

function slot(id: number, row: number): number {
  return (row << WIDTH_BITS) | (mix32(id ^ Math.imul(0x9e3779b9, row + 1)) & MASK);
}

export interface RarityOptions {
  /** Pseudo-documents the background counts for (M). */
  backgroundDocs: number;
}

/** Document frequencies over a set of days, and the idf they give with the background. */
export class Rarity {
  private readonly share = backgroundShare();

  private readonly docs: number;

  constructor(
    private readonly days: readonly DaySketch[],
    private readonly opts: RarityOptions,
  ) {
    this.docs = days.reduce((sum, day) => sum + day.docs, 0);
  }

  idf(kind: number, id: number): number {
    const m = this.opts.backgroundDocs;
    let df = 0;
    let n = 0;
    if (IS_COUNTED[kind] && this.docs > 0) {
      n = this.docs;
      // Called for every distinct term of every item: no array per call.
      const a = slot(id, 0);
      const b = slot(id, 1);
      const c = slot(id, 2);
      for (const day of this.days) df += day.at(a, b, c);
    }
    const p = IS_BACKGROUND[kind] ? (this.share.get(id) ?? 0) : 0;
    return Math.log((m + n + 1) / (m * p + df + 1));
  }
}

/** Evaluates compiled topics against one scanned item. */
import type { TopicHit } from '../model.ts';
import type { CompiledLeaf, CompiledNode, CompiledTopic, CompiledTopics } from './compiled.ts';
import type { DocField, FieldSpan, ScannedDocument } from './document.ts';
import { snippetAround } from './snippet.ts';

/** Word positions a leaf or NEAR covers, inclusive. */
interface Span {
  start: number;
  end: number;
}

/** Positions [lo, hi) a leaf may match in. */
interface Range {
  lo: number;
  hi: number;
}

const EMPTY: Range = { lo: 0, hi: 0 };

/**
 * Per-item memo of leaf results, reused from item to item like ScannedDocument: a leaf's cached
 * presence counts only when its stamp is the current generation.
 */
export class Evaluation {
  private readonly ranges = new Map<DocField | undefined, Range>();
  private readonly stamps: Uint32Array;
  private readonly present: Uint8Array;
  private readonly spansByLeaf = new Map<number, Span[]>();
  private generation = 0;

  constructor(
    private readonly compiled: CompiledTopics,
    private readonly doc: ScannedDocument,
  ) {
    this.stamps = new Uint32Array(compiled.leaves.length);
    this.present = new Uint8Array(compiled.leaves.length);
  }

  /** Starts on the item the ScannedDocument now holds. */
  reset(): void {
    this.generation++;
    this.spansByLeaf.clear();
    this.ranges.clear();
    for (const field of this.doc.fields) {
      this.ranges.set(field.name, { lo: field.base, hi: field.base + field.starts.length });
    }
    // Unscoped words match in the title or the text, which come first on the position line.
    const text = this.ranges.get('text') ?? this.ranges.get('title');
    this.ranges.set(undefined, { lo: 0, hi: text?.hi ?? 0 });
  }

  matches(node: CompiledNode): boolean {
    switch (node.kind) {
      case 'leaf':
        return this.leafPresent(node.leaf);
      case 'and':
        for (const child of node.children) if (!this.matches(child)) return false;
        return true;
      case 'or':
        for (const child of node.children) if (this.matches(child)) return true;
        return false;
      case 'not':
        return !this.matches(node.child);
      case 'near':
        return this.spans(node).length > 0;
    }
  }

  hit(topic: CompiledTopic): TopicHit {
    const terms: string[] = [];
    const fields = new Set<DocField>();
    let first: { field: FieldSpan; span: Span } | undefined;
    for (const id of topic.positiveLeaves) {
      if (!this.leafPresent(id)) continue;
      terms.push(this.leaf(id).display);
      for (const field of this.doc.fields) {
        const span = this.firstSpanIn(id, field);
        if (span === undefined) continue;
        fields.add(field.name);
        if (first === undefined || showsBetter(field, span, first.field, first.span)) first = { field, span };
      }
    }
    return {
      topic: topic.name,
      terms,
      fields: this.doc.fields.map((f) => f.name).filter((name) => fields.has(name)),
      snippet: first ? this.snippet(first.field, first.span) : '',
    };
  }

  /** The leaf's first occurrence in a field it may match in; a word needs no span list for that. */
  private firstSpanIn(id: number, field: FieldSpan): Span | undefined {
    const leaf = this.leaf(id);
    if (
      leaf.field === undefined ? field.name !== 'title' && field.name !== 'text' : leaf.field !== field.name
    ) {
      return undefined;
    }
    const lo = field.base;
    const hi = field.base + field.starts.length;
    const [atom, ...rest] = leaf.atoms;
    if (rest.length > 0 || atom === undefined)
      return this.leafSpans(id).find((s) => s.start >= lo && s.start < hi);
    const positions = this.atomPositions(leaf, 0);
    const start = positions[lowerBound(positions, lo)];
    return start !== undefined && start < hi ? { start, end: start } : undefined;
  }

  private snippet(field: FieldSpan, span: Span): string {
    // Alerts show the article text; a hit only in the source, URL or language shows the title.
    if (field.name !== 'text' && field.name !== 'title') {
      const title = this.doc.fields.find((f) => f.name === 'title');
      return title ? snippetAround(title.raw, 0, 0) : '';
    }
    const { starts, ends } = field;
    const start = starts[span.start - field.base] ?? 0;
    const end = ends[span.end - field.base] ?? start;
    return snippetAround(field.raw, start, end);
  }

  private spans(node: CompiledNode): Span[] {
    switch (node.kind) {
      case 'leaf':
        return this.leafSpans(node.leaf);
      case 'or':
        return node.children.flatMap((c) => this.spans(c)).sort((a, b) => a.start - b.start);
      case 'near':
        return nearSpans(this.spans(node.left), this.spans(node.right), node.distance, node.ordered);
      default:
        // The parser only lets terms, phrases, OR groups and NEARs be NEAR operands.
        throw new Error(`no word positions for a ${node.kind} node`);
    }
  }

  private leaf(id: number): CompiledLeaf {
    const leaf = this.compiled.leaves[id];
    if (leaf === undefined) throw new Error(`unknown leaf ${id}`);
    return leaf;
  }

  /** Where the leaf's i-th atom occurs; for `case:`, only where the item writes it that way. */
  private atomPositions(leaf: CompiledLeaf, i: number): readonly number[] {
    const positions = this.doc.positionsOf(leaf.atoms[i] ?? -1);
    const exact = leaf.exactCase?.[i];
    return exact === undefined ? positions : positions.filter((p) => this.doc.caseFormAt(p) === exact);
  }

  /** The common case, a word checked for presence, without building spans. */
  private leafPresent(id: number): boolean {
    if (this.stamps[id] === this.generation) return this.present[id] === 1;
    const leaf = this.leaf(id);
    const range = this.ranges.get(leaf.field) ?? EMPTY;
    const [atom, ...rest] = leaf.atoms;
    const present =
      rest.length === 0 && atom !== undefined
        ? anyInRange(this.atomPositions(leaf, 0), range)
        : this.leafSpans(id).length > 0;
    this.stamps[id] = this.generation;
    this.present[id] = present ? 1 : 0;
    return present;
  }

  private leafSpans(id: number): Span[] {
    const cached = this.spansByLeaf.get(id);
    if (cached) return cached;
    const leaf = this.leaf(id);
    const range = this.ranges.get(leaf.field) ?? EMPTY;
    const [head, ...rest] = leaf.atoms.map((_, i) => this.atomPositions(leaf, i));
    const spans: Span[] = [];
    for (const start of head ?? []) {
      if (start < range.lo || start >= range.hi) continue;
      if (rest.every((positions, i) => includesSorted(positions, start + i + 1))) {
        spans.push({ start, end: start + rest.length });
      }
    }
    this.spansByLeaf.set(id, spans);
    return spans;
  }
}

const SNIPPET_PREFERENCE: Record<DocField, number> = { text: 0, title: 1, source: 2, url: 2, lang: 2 };

/** The snippet shows the first hit in the text, else in the title. */
function showsBetter(field: FieldSpan, span: Span, bestField: FieldSpan, best: Span): boolean {
  const a = SNIPPET_PREFERENCE[field.name];
  const b = SNIPPET_PREFERENCE[bestField.name];
  return a < b || (a === b && span.start < best.start);
}

/**
 * Pairs within `distance` words. Both lists are sorted by start, so each left span only looks at
 * the right spans whose start falls in its window: common words on both sides stay cheap.
 */
function nearSpans(left: Span[], right: Span[], distance: number, ordered: boolean): Span[] {
  const out: Span[] = [];
  const longest = right.reduce((max, s) => Math.max(max, s.end - s.start), 0);
  let first = 0;
  for (const a of left) {
    // Left spans are sorted by start, not by end: bound by start so the window only moves forward.
    const lowestStart = ordered ? a.start + 1 : a.start - distance - 1 - longest;
    while (first < right.length && (right[first]?.start ?? 0) < lowestStart) first++;
    for (let i = first; i < right.length; i++) {
      const b = right[i];
      if (b === undefined || b.start > a.end + distance + 1) break;
      const between =
        a.end < b.start ? b.start - a.end - 1 : !ordered && b.end < a.start ? a.start - b.end - 1 : -1;
      if (between >= 0 && between <= distance) {
        out.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Index of the first value ≥ target in an ascending list. */
function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function includesSorted(sorted: readonly number[], value: number): boolean {
  return sorted[lowerBound(sorted, value)] === value;
}

function anyInRange(sorted: readonly number[], range: Range): boolean {
  const first = sorted[lowerBound(sorted, range.lo)];
  return first !== undefined && first < range.hi;
}

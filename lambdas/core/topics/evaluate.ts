/** Evaluates compiled topics against one scanned document. */
import type { TopicHit } from '../model.ts';
import type { CompiledLeaf, CompiledNode, CompiledTopic, CompiledTopics } from './compile.ts';
import type { DocField, FieldSpan, ScannedDocument } from './document.ts';
import { snippetAround } from './snippet.ts';

/** Word positions a leaf or NEAR covers, inclusive. */
interface Span {
  start: number;
  end: number;
}

const UNSCOPED: readonly DocField[] = ['title', 'text'];

export class Evaluation {
  private readonly spansByLeaf = new Map<number, Span[]>();

  constructor(
    private readonly compiled: CompiledTopics,
    private readonly doc: ScannedDocument,
  ) {}

  matches(node: CompiledNode): boolean {
    switch (node.kind) {
      case 'leaf':
        return this.leafSpans(node.leaf).length > 0;
      case 'and':
        return node.children.every((c) => this.matches(c));
      case 'or':
        return node.children.some((c) => this.matches(c));
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
      const spans = this.leafSpans(id);
      if (spans.length === 0) continue;
      terms.push(this.leaf(id).display);
      for (const span of spans) {
        const field = this.fieldAt(span.start);
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

  private snippet(field: FieldSpan, span: Span): string {
    const { starts, ends } = field.tokens;
    // Alerts show the article text; a hit only in the title, source or URL shows the title.
    if (field.name !== 'text' && field.name !== 'title') {
      const title = this.doc.fields.find((f) => f.name === 'title');
      return title ? snippetAround(title.raw, 0, 0) : '';
    }
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

  private leafSpans(id: number): Span[] {
    const cached = this.spansByLeaf.get(id);
    if (cached) return cached;
    const leaf = this.leaf(id);
    const allowed = leaf.field === undefined ? UNSCOPED : [leaf.field];
    const spans = this.phraseSpans(leaf.atoms).filter((s) => allowed.includes(this.fieldAt(s.start).name));
    this.spansByLeaf.set(id, spans);
    return spans;
  }

  /** A term is a one-word phrase. */
  private phraseSpans(atoms: number[]): Span[] {
    const [head, ...rest] = atoms.map((a) => this.doc.occurrences.get(a) ?? []);
    const spans: Span[] = [];
    for (const start of head ?? []) {
      if (rest.every((positions, i) => includesSorted(positions, start + i + 1))) {
        spans.push({ start, end: start + rest.length });
      }
    }
    return spans;
  }

  private fieldAt(position: number): FieldSpan {
    const { fields } = this.doc;
    for (let i = fields.length - 1; i >= 0; i--) {
      const field = fields[i];
      if (field && position >= field.base) return field;
    }
    throw new Error(`position ${position} is in no field`);
  }
}

const SNIPPET_PREFERENCE: Record<DocField, number> = { text: 0, title: 1, source: 2, url: 2 };

/** The snippet shows the first hit in the text, else in the title. */
function showsBetter(field: FieldSpan, span: Span, bestField: FieldSpan, best: Span): boolean {
  const a = SNIPPET_PREFERENCE[field.name];
  const b = SNIPPET_PREFERENCE[bestField.name];
  return a < b || (a === b && span.start < best.start);
}

function nearSpans(left: Span[], right: Span[], distance: number, ordered: boolean): Span[] {
  const out: Span[] = [];
  for (const a of left) {
    for (const b of right) {
      const between =
        a.end < b.start ? b.start - a.end - 1 : !ordered && b.end < a.start ? a.start - b.end - 1 : -1;
      if (between >= 0 && between <= distance) {
        out.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

function includesSorted(sorted: number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

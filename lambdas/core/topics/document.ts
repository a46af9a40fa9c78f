/**
 * One item laid out for matching: every field's words on one position line, fields far apart so no
 * phrase or NEAR can span two of them, and each atom's positions collected in one pass.
 */
import type { Field } from './ast.ts';
import { type CompiledTopics, prefixHead } from './compile.ts';
import { MAX_NEAR_DISTANCE, MIN_PREFIX } from './lexer.ts';
import { type Tokens, tokenize } from './tokenize.ts';

export type DocField = 'title' | 'text' | Field;

export interface FieldSpan {
  name: DocField;
  raw: string;
  tokens: Tokens;
  /** Position of the field's first word; its words run from base to base + words.length - 1. */
  base: number;
}

export interface MatchDocument {
  title: string;
  text: string;
  source?: string;
  url?: string;
}

const FIELD_GAP = MAX_NEAR_DISTANCE + 2;
const NO_POSITIONS: readonly number[] = [];

/**
 * Per-atom position lists, reused from item to item: a generation stamp marks which lists belong
 * to the current item, so nothing is cleared or reallocated per item.
 */
export class ScannedDocument {
  fields: FieldSpan[] = [];
  /** Atoms seen in the current item, in first-seen order. */
  readonly seenAtoms: number[] = [];
  private readonly positions: (number[] | undefined)[];
  private readonly stamps: Uint32Array;
  private generation = 0;

  constructor(private readonly compiled: CompiledTopics) {
    this.positions = new Array(compiled.topicsByAtom.length);
    this.stamps = new Uint32Array(compiled.topicsByAtom.length);
  }

  scan(doc: MatchDocument): void {
    this.generation++;
    this.fields = [];
    this.seenAtoms.length = 0;
    const { scopes } = this.compiled;
    let base = 0;
    for (const [name, raw] of [
      ['title', doc.title],
      ['text', doc.text],
      ['source', scopes.has('source') ? doc.source : undefined],
      ['url', scopes.has('url') ? doc.url : undefined],
    ] as const) {
      if (!raw) continue;
      const tokens = tokenize(raw);
      this.fields.push({ name, raw, tokens, base });
      this.collect(tokens.words, base);
      base += tokens.words.length + FIELD_GAP;
    }
  }

  /** Ascending positions of the atom in the current item. */
  positionsOf(atom: number): readonly number[] {
    return this.stamps[atom] === this.generation ? (this.positions[atom] ?? NO_POSITIONS) : NO_POSITIONS;
  }

  private collect(words: string[], base: number): void {
    const { prefixLengths, prefixes, prefixHeads, words: dictionary } = this.compiled;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      this.record(dictionary.get(word), base + i);
      if (word.length < MIN_PREFIX || !prefixHeads.has(prefixHead(word))) continue;
      for (const length of prefixLengths) {
        if (length > word.length) break;
        this.record(prefixes.get(word.slice(0, length)), base + i);
      }
    }
  }

  private record(atoms: number[] | undefined, position: number): void {
    if (atoms === undefined) return;
    for (const atom of atoms) {
      if (this.stamps[atom] === this.generation) {
        this.positions[atom]?.push(position);
      } else {
        this.stamps[atom] = this.generation;
        this.positions[atom] = [position];
        this.seenAtoms.push(atom);
      }
    }
  }
}

/**
 * One item laid out for matching: every field's words on one position line, fields far apart so no
 * phrase or NEAR can span two of them, and each atom's positions collected in one pass.
 */

import { caseForm } from '../text/fold.ts';
import { scan, type TokenSink } from '../text/tokenize.ts';
import type { Field } from './ast.ts';
import type { CompiledTopics } from './compiled.ts';
import { MAX_NEAR_DISTANCE } from './lexer.ts';
import type { AtomSink } from './lexicon.ts';
import { StemLookup, type StemMatch } from './stems.ts';

export type DocField = 'title' | 'text' | Field;

export interface FieldSpan {
  name: DocField;
  raw: string;
  /** Character range of each word in `raw`. */
  starts: number[];
  ends: number[];
  /** Position of the field's first word; its words run from base to base + starts.length - 1. */
  base: number;
}

export interface MatchDocument {
  title: string;
  text: string;
  source?: string;
  url?: string;
  /** ISO 639-1 code (text/language.ts), what `lang:` compares. */
  lang?: string;
}

const FIELD_GAP = MAX_NEAR_DISTANCE + 2;
const NO_POSITIONS: readonly number[] = [];

/**
 * Per-atom position lists, reused from item to item: a generation stamp marks which lists belong
 * to the current item, so nothing is cleared per item. Not re-entrant: one per matcher, and
 * matching is synchronous.
 */
export class ScannedDocument implements TokenSink, AtomSink {
  fields: FieldSpan[] = [];
  /** Atoms seen in the current item, in first-seen order. */
  readonly seenAtoms: number[] = [];
  private readonly positions: (number[] | undefined)[];
  private readonly stamps: Uint32Array;
  private generation = 0;
  private current: FieldSpan | undefined;
  private readonly stemLookup: StemLookup;
  /** The current item's words by stem, for an item in a stemmed language. */
  private byStem: StemMatch | undefined;

  constructor(private readonly compiled: CompiledTopics) {
    this.positions = new Array(compiled.atomCount);
    this.stamps = new Uint32Array(compiled.atomCount);
    this.stemLookup = new StemLookup(compiled.stems);
  }

  scan(doc: MatchDocument): void {
    this.generation++;
    this.fields = [];
    this.seenAtoms.length = 0;
    const { scopes } = this.compiled;
    this.byStem = this.stemLookup.forLanguage(doc.lang);
    let base = 0;
    for (const [name, raw] of [
      ['title', doc.title],
      ['text', doc.text],
      ['source', scopes.has('source') ? doc.source : undefined],
      ['url', scopes.has('url') ? doc.url : undefined],
      ['lang', scopes.has('lang') ? doc.lang : undefined],
    ] as const) {
      if (!raw) continue;
      const field: FieldSpan = { name, raw, starts: [], ends: [], base };
      this.current = field;
      scan(raw, this);
      this.fields.push(field);
      base += field.starts.length + FIELD_GAP;
    }
    this.current = undefined;
  }

  /** Ascending positions of the atom in the current item. */
  positionsOf(atom: number): readonly number[] {
    return this.stamps[atom] === this.generation ? (this.positions[atom] ?? NO_POSITIONS) : NO_POSITIONS;
  }

  /** The word at a position as written (see caseForm), for `case:` leaves. */
  caseFormAt(position: number): string | undefined {
    const field = this.fields.find((f) => position >= f.base && position < f.base + f.starts.length);
    if (field === undefined) return undefined;
    const i = position - field.base;
    return caseForm(field.raw.slice(field.starts[i], field.ends[i]));
  }

  plain(lower: string, start: number, end: number): void {
    this.compiled.lexicon.lookup(lower, start, end, this);
    if (this.byStem) this.foundByStem(this.byStem(lower.slice(start, end)));
    this.advance(start, end);
  }

  word(word: string, start: number, end: number): void {
    this.compiled.lexicon.lookup(word, 0, word.length, this);
    if (this.byStem) this.foundByStem(this.byStem(word));
    this.advance(start, end);
  }

  found(atoms: readonly number[]): void {
    const field = this.current;
    if (field === undefined) return;
    const position = field.base + field.starts.length;
    for (const atom of atoms) {
      if (this.stamps[atom] === this.generation) {
        // A word found both as a form and by its stem counts once.
        const list = this.positions[atom];
        if (list && list.at(-1) !== position) list.push(position);
      } else {
        this.stamps[atom] = this.generation;
        this.positions[atom] = [position];
        this.seenAtoms.push(atom);
      }
    }
  }

  private foundByStem(atoms: readonly number[]): void {
    if (atoms.length > 0) this.found(atoms);
  }

  private advance(start: number, end: number): void {
    this.current?.starts.push(start);
    this.current?.ends.push(end);
  }
}

/**
 * One item laid out for matching: every field's words on one position line, fields far apart so no
 * phrase or NEAR can span two of them, and each position's atoms collected in one pass.
 */
import type { Field } from './ast.ts';
import type { CompiledTopics } from './compile.ts';
import { MAX_NEAR_DISTANCE } from './lexer.ts';
import { type Tokens, tokenize } from './tokenize.ts';

export type DocField = 'title' | 'text' | Field;

export interface FieldSpan {
  name: DocField;
  raw: string;
  tokens: Tokens;
  /** Position of the field's first word; its words run from base to base + words.length - 1. */
  base: number;
}

export interface ScannedDocument {
  fields: FieldSpan[];
  /** Atom id → positions where it occurs, ascending. */
  occurrences: Map<number, number[]>;
}

const FIELD_GAP = MAX_NEAR_DISTANCE + 2;

export interface MatchDocument {
  title: string;
  text: string;
  source?: string;
  url?: string;
}

export function scanDocument(doc: MatchDocument, compiled: CompiledTopics): ScannedDocument {
  const raws: [DocField, string | undefined][] = [
    ['title', doc.title],
    ['text', doc.text],
    ['source', compiled.scopes.has('source') ? doc.source : undefined],
    ['url', compiled.scopes.has('url') ? doc.url : undefined],
  ];
  const fields: FieldSpan[] = [];
  const occurrences = new Map<number, number[]>();
  let base = 0;
  for (const [name, raw] of raws) {
    if (!raw) continue;
    const tokens = tokenize(raw);
    fields.push({ name, raw, tokens, base });
    collect(tokens.words, base, compiled, occurrences);
    base += tokens.words.length + FIELD_GAP;
  }
  return { fields, occurrences };
}

function collect(words: string[], base: number, compiled: CompiledTopics, out: Map<number, number[]>): void {
  const { prefixLengths, prefixes } = compiled;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    record(compiled.words.get(word), base + i, out);
    for (const length of prefixLengths) {
      if (length > word.length) break;
      record(prefixes.get(word.slice(0, length)), base + i, out);
    }
  }
}

function record(atoms: number[] | undefined, position: number, out: Map<number, number[]>): void {
  if (atoms === undefined) return;
  for (const atom of atoms) {
    const positions = out.get(atom);
    if (positions === undefined) out.set(atom, [position]);
    else positions.push(position);
  }
}

/**
 * Recursive-descent parser for topic queries. Precedence, loosest first: OR; AND, NOT and implicit
 * AND; NEAR/ONEAR; then terms, phrases, groups, aliases and field scopes.
 */

import { caseForm, foldWord } from '../text/fold.ts';
import { isHangul } from '../text/segment.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Field, LeafNode, PhraseNode, QueryNode } from './ast.ts';
import { isLeaf } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';
import { type Lexeme, lex, MIN_PREFIX } from './lexer.ts';

/** Returns the parsed query an alias stands for; throws for unknown or broken aliases. */
export type AliasResolver = (name: string, pos: number) => QueryNode;

const STARTS_OPERAND = new Set<Lexeme['type']>(['lparen', 'field', 'alias', 'phrase', 'word', 'not', 'case']);

/**
 * Far deeper than any query a person writes. Parsing, compiling and matching all recurse over the
 * tree, so a generated query with thousands of nested groups must stop here, with a position.
 */
const MAX_DEPTH = 100;
const TOO_DEEP = `at most ${MAX_DEPTH} levels of nested parentheses, NOT and NEAR`;

export function parseQuery(query: string, resolveAlias: AliasResolver): QueryNode {
  const parser = new Parser(lex(query), resolveAlias);
  const root = parser.parseOr();
  parser.expectEnd();
  return root;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly lexemes: Lexeme[],
    private readonly resolveAlias: AliasResolver,
  ) {}

  private peek(): Lexeme {
    // lex() always ends with an eof lexeme, and the parser never moves past it.
    return this.lexemes[this.i] ?? { type: 'eof', pos: 0 };
  }

  private nested<T>(pos: number, read: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new QuerySyntaxError(pos, TOO_DEEP);
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private take(): Lexeme {
    const lexeme = this.peek();
    if (lexeme.type !== 'eof') this.i++;
    return lexeme;
  }

  expectEnd(): void {
    const next = this.peek();
    if (next.type === 'rparen') throw new QuerySyntaxError(next.pos, 'an opening ( for this )');
    if (next.type !== 'eof') throw new QuerySyntaxError(next.pos, 'an operator or the end of the query');
  }

  parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.peek().type === 'or') {
      this.take();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? first : { kind: 'or', children: flatten('or', children), pos: first.pos };
  }

  private parseAnd(): QueryNode {
    const first = this.parseUnary();
    const children = [first];
    for (;;) {
      const next = this.peek();
      if (next.type === 'and') {
        this.take();
        children.push(this.parseUnary());
      } else if (STARTS_OPERAND.has(next.type)) {
        // "x NOT y" and bare "x y" both join with AND; parseUnary reads the NOT.
        children.push(this.parseUnary());
      } else {
        break;
      }
    }
    return children.length === 1
      ? first
      : { kind: 'and', children: flatten('and', children), pos: first.pos };
  }

  private parseUnary(): QueryNode {
    const next = this.peek();
    if (next.type === 'not') {
      this.take();
      return { kind: 'not', child: this.nested(next.pos, () => this.parseUnary()), pos: next.pos };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    let left = this.parsePrimary(undefined);
    // A chain of NEARs nests to the left, one level per link.
    let links = 0;
    for (let op = this.peek(); op.type === 'near'; op = this.peek()) {
      if (++links + this.depth > MAX_DEPTH) throw new QuerySyntaxError(op.pos, TOO_DEEP);
      this.take();
      const right = this.parsePrimary(undefined);
      checkNearOperand(left, op.pos);
      checkNearOperand(right, op.pos);
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered, pos: left.pos };
    }
    return left;
  }

  private parsePrimary(field: Field | undefined): QueryNode {
    const lexeme = this.take();
    switch (lexeme.type) {
      case 'lparen': {
        const inner = this.nested(lexeme.pos, () => this.parseOr());
        const close = this.take();
        if (close.type !== 'rparen')
          throw new QuerySyntaxError(close.pos, `a closing ) for the ( at ${lexeme.pos}`);
        return withField(inner, field);
      }
      case 'field':
        return lexeme.field === 'lang'
          ? languageCodes(this.parsePrimary('lang'))
          : this.parsePrimary(lexeme.field);
      case 'alias':
        return withField(this.resolveAlias(lexeme.name, lexeme.pos), field);
      case 'case':
        return this.exactCase(field);
      case 'phrase':
        return lexeme.slop === undefined
          ? scoped(phraseLeaf(lexeme.text, lexeme.pos), field)
          : proximity(phraseLeaf(lexeme.text, lexeme.pos), lexeme.slop, field);
      case 'word':
        return wordLeaf(lexeme.text, lexeme.pos, field);
      case 'eof':
        throw new QuerySyntaxError(lexeme.pos, 'a term, phrase or group before the end of the query');
      default:
        throw new QuerySyntaxError(lexeme.pos, `a term, phrase or group, not ${describe(lexeme)}`);
    }
  }

  private exactCase(field: Field | undefined): LeafNode {
    const next = this.take();
    if (next.type === 'word' && !/[*?]/.test(next.text)) return exactCaseLeaf(next.text, next.pos, field);
    if (next.type === 'phrase' && next.slop === undefined)
      return exactCaseLeaf(next.text, next.pos + 1, field);
    throw new QuerySyntaxError(next.pos, 'a word or phrase right after case:, as in case:US');
  }
}

function describe(lexeme: Lexeme): string {
  if (lexeme.type === 'near') return `${lexeme.ordered ? 'ONEAR' : 'NEAR'}/${lexeme.distance}`;
  if (lexeme.type === 'rparen') return ')';
  return lexeme.type.toUpperCase();
}

function flatten(kind: 'and' | 'or', children: QueryNode[]): QueryNode[] {
  return children.flatMap((c) => (c.kind === kind ? c.children : [c]));
}

/** NEAR measures distances between words, which AND and NOT groups do not have. */
function checkNearOperand(node: QueryNode, pos: number): void {
  if (isLeaf(node)) return;
  if (node.kind === 'or') {
    for (const child of node.children) checkNearOperand(child, pos);
    return;
  }
  if (node.kind === 'near') return;
  throw new QuerySyntaxError(
    pos,
    'a term, phrase, OR group or NEAR on each side of NEAR, not an AND or NOT group',
  );
}

/** Scopes every leaf that has no scope of its own; returns new nodes (aliases are shared). */
function withField(node: QueryNode, field: Field | undefined): QueryNode {
  if (field === undefined) return node;
  switch (node.kind) {
    case 'term':
    case 'prefix':
    case 'phrase':
    case 'pattern':
      return node.field === undefined ? { ...node, field } : node;
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => withField(c, field)) };
    case 'not':
      return { ...node, child: withField(node.child, field) };
    case 'near':
      return { ...node, left: withField(node.left, field), right: withField(node.right, field) };
  }
}

const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** `lang:ja`, `lang:(ja OR zh)`: a misspelt code would silently match nothing. */
function languageCodes(node: QueryNode): QueryNode {
  if (node.kind === 'or') {
    for (const child of node.children) languageCodes(child);
  } else if (node.kind !== 'term' || node.field !== 'lang' || !LANGUAGE_CODE.test(node.word)) {
    throw new QuerySyntaxError(node.pos, 'a language code after lang:, as in lang:ja or lang:(de OR fr)');
  }
  return node;
}

function scoped<T extends LeafNode>(leaf: T, field: Field | undefined): T {
  return field === undefined ? leaf : { ...leaf, field };
}

function phraseLeaf(text: string, pos: number): PhraseNode {
  const star = text.search(/[*?]/);
  // Dropping the wildcard silently would search for a different phrase than the user wrote.
  if (star >= 0)
    throw new QuerySyntaxError(pos + star + 1, 'no * or ? inside quotes (write defen* ONEAR/0 spending)');
  const { words } = tokenize(text);
  if (words.length === 0) throw new QuerySyntaxError(pos, 'at least one word inside the quotes');
  return { kind: 'phrase', words, pos };
}

/**
 * `"fed taper"~5` (Lucene, Talkwalker): the words in any order with at most 5 words between
 * neighbours, read as `"fed" NEAR/5 "taper"`; each word stays a quoted word, without inflections.
 */
function proximity(phrase: PhraseNode, distance: number, field: Field | undefined): QueryNode {
  const { words, pos } = phrase;
  if (words.length > MAX_DEPTH) throw new QuerySyntaxError(pos, TOO_DEEP);
  const [first, ...rest] = words.map((w): QueryNode => scoped({ kind: 'phrase', words: [w], pos }, field));
  if (first === undefined) throw new QuerySyntaxError(pos, 'at least one word inside the quotes');
  return rest.reduce((left, right) => ({ kind: 'near', left, right, distance, ordered: false, pos }), first);
}

function exactCaseLeaf(text: string, pos: number, field: Field | undefined): LeafNode {
  const { words, starts, ends } = tokenize(text);
  const [first] = words;
  if (first === undefined)
    throw new QuerySyntaxError(pos, 'a word or phrase right after case:, as in case:US');
  const exactCase = starts.map((start, i) => caseForm(text.slice(start, ends[i])));
  return scoped(
    words.length === 1
      ? { kind: 'term', word: first, pos, exactCase }
      : { kind: 'phrase', words, pos, exactCase },
    field,
  );
}

/** `organi?ation`, `wom?n*`: literal pieces folded like any word, at least MIN_PREFIX before a ?. */
function patternLeaf(text: string, pos: number, field: Field | undefined): LeafNode {
  const star = text.endsWith('*');
  const pieces = (star ? text.slice(0, -1) : text).split('?').map(foldWord);
  if (pieces.some((p) => !/^[\p{L}\p{N}]*$/u.test(p))) {
    throw new QuerySyntaxError(
      pos,
      'only letters and digits around ? (one character) and a final * (any ending)',
    );
  }
  if ((pieces[0] ?? '').length < MIN_PREFIX)
    throw new QuerySyntaxError(pos, `at least ${MIN_PREFIX} letters before ?`);
  return scoped({ kind: 'pattern', pattern: pieces.join('?') + (star ? '*' : ''), pos }, field);
}

function wordLeaf(text: string, pos: number, field: Field | undefined): LeafNode {
  const star = text.indexOf('*');
  if (text.includes('?')) {
    if (star >= 0 && star < text.length - 1)
      throw new QuerySyntaxError(pos + star, 'a wildcard * only at the end of a word');
    return patternLeaf(text, pos, field);
  }
  if (star >= 0 && star < text.length - 1) {
    throw new QuerySyntaxError(pos + star, 'a wildcard * only at the end of a word');
  }
  const { words } = tokenize(star >= 0 ? text.slice(0, -1) : text);
  const first = words[0];
  if (first === undefined) throw new QuerySyntaxError(pos, `a word, not "${text}"`);
  if (star < 0) {
    // A Korean word carries its particles (윤석열은, 윤석열이): the bare word is what they begin with.
    if (words.length === 1 && isHangul(first)) return scoped({ kind: 'prefix', prefix: first, pos }, field);
    // A word of a script without spaces may be several words to the segmenter: they must follow
    // one another in the text as they do in the query.
    return scoped(
      words.length === 1 ? { kind: 'term', word: first, pos } : { kind: 'phrase', words, pos },
      field,
    );
  }
  if (words.length > 1) throw new QuerySyntaxError(pos, 'a single word before the wildcard *');
  if (first.length < MIN_PREFIX) throw new QuerySyntaxError(pos, `at least ${MIN_PREFIX} letters before *`);
  return scoped({ kind: 'prefix', prefix: first, pos }, field);
}

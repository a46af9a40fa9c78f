/** Parsed topic queries, and the normalised text `topics check` prints for them. */

/** `lang:` scopes to the item's language code, as if it were a field holding that one word. */
export type Field = 'title' | 'source' | 'url' | 'lang';

interface Located {
  /** 1-based character position in the query the node came from. */
  pos: number;
}

/** A bare word: matches its spellings and inflections. */
export interface TermNode extends Located {
  kind: 'term';
  word: string;
  field?: Field;
  /** `case:US`: only this exact surface (dots and a possessive 's dropped), no variants. */
  exactCase?: string[];
}

/** `defen*`: any word starting with the prefix. */
export interface PrefixNode extends Located {
  kind: 'prefix';
  prefix: string;
  field?: Field;
}

/** `"of GDP"`: consecutive words, spelling variants only (quoting turns inflection off). */
export interface PhraseNode extends Located {
  kind: 'phrase';
  words: string[];
  field?: Field;
  /** `case:"New York"`: each word's exact surface, as for a term. */
  exactCase?: string[];
}

/** `organi?ation`: each ? is one character; a final * any ending. */
export interface PatternNode extends Located {
  kind: 'pattern';
  pattern: string;
  field?: Field;
}

export interface AndNode extends Located {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode extends Located {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode extends Located {
  kind: 'not';
  child: QueryNode;
}

/** At most `distance` words between the two sides; `ordered` (ONEAR) puts left first. */
export interface NearNode extends Located {
  kind: 'near';
  left: QueryNode;
  right: QueryNode;
  distance: number;
  ordered: boolean;
}

export type LeafNode = TermNode | PrefixNode | PhraseNode | PatternNode;
export type QueryNode = LeafNode | AndNode | OrNode | NotNode | NearNode;

export function isLeaf(node: QueryNode): node is LeafNode {
  return node.kind === 'term' || node.kind === 'prefix' || node.kind === 'phrase' || node.kind === 'pattern';
}

export function formatLeaf(leaf: LeafNode): string {
  const scope = leaf.field === undefined ? '' : `${leaf.field}:`;
  if (leaf.kind === 'prefix') return `${scope + leaf.prefix}*`;
  if (leaf.kind === 'pattern') return scope + leaf.pattern;
  const words = leaf.exactCase ?? (leaf.kind === 'term' ? [leaf.word] : leaf.words);
  const cased = leaf.exactCase ? 'case:' : '';
  return leaf.kind === 'term' ? scope + cased + words.join(' ') : `${scope + cased}"${words.join(' ')}"`;
}

/** Explicit operators and parentheses: what the parser understood, re-parseable to the same tree. */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
    case 'prefix':
    case 'phrase':
    case 'pattern':
      return formatLeaf(node);
    case 'and':
      return node.children
        .map((c) => (c.kind === 'not' ? `NOT ${formatOperand(c.child)}` : formatOperand(c)))
        .join(' AND ');
    case 'or':
      return node.children.map(formatOperand).join(' OR ');
    case 'not':
      return `NOT ${formatOperand(node.child)}`;
    case 'near':
      return `${formatOperand(node.left)} ${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance} ${formatOperand(node.right)}`;
  }
}

function formatOperand(node: QueryNode): string {
  return isLeaf(node) ? formatLeaf(node) : `(${formatQuery(node)})`;
}

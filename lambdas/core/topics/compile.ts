/**
 * Compiles all topics into one dictionary from word to "atoms" (a query word with its variants, a
 * phrase word, a prefix) and from atom to the topics that need it, so matching one item costs one
 * lookup per word plus the topics whose words actually occur.
 */

import { STEMMED_LANGUAGES, stemmerOf } from '../text/stemmers.ts';
import { createAliases } from './aliases.ts';
import type { Field, LeafNode, QueryNode } from './ast.ts';
import { formatLeaf, formatQuery } from './ast.ts';
import type { CompiledLeaf, CompiledNode, CompiledTopic, CompiledTopics } from './compiled.ts';
import { QuerySyntaxError, TopicQueryError } from './errors.ts';
import { Lexicon, type Pattern } from './lexicon.ts';
import { type AliasResolver, parseQuery } from './parser.ts';
import type { TopicSpec, TopicsSection } from './schema.ts';
import { chooseTriggers } from './triggers.ts';
import { spellingVariants, wordForms } from './variants.ts';

export function compileAll(section: TopicsSection): CompiledTopics {
  const aliases = createAliases(section.aliases ?? {});
  const builder = new Builder();
  const topics = section.topics.map((spec) => builder.addTopic(spec, parseTopic(spec, aliases.resolve)));
  aliases.checkAll();
  return builder.finish(topics);
}

function parseTopic(spec: TopicSpec, resolve: AliasResolver): QueryNode {
  try {
    const root = parseQuery(spec.query, resolve);
    if (!mustHaveHit(root)) {
      throw new QuerySyntaxError(
        1,
        'at least one term outside NOT (a query of only NOT matches nearly everything)',
      );
    }
    return root;
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new TopicQueryError({ topic: spec.name }, error.position, error.expected, { cause: error });
    }
    if (error instanceof TopicQueryError && error.topic === undefined) {
      throw new TopicQueryError({ topic: spec.name, alias: error.alias }, error.position, error.expected, {
        cause: error,
      });
    }
    throw error;
  }
}

/** True when no document without a positive word can match: lets matching skip topics with no hit. */
function mustHaveHit(node: QueryNode): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.some(mustHaveHit);
    case 'or':
      return node.children.every(mustHaveHit);
    case 'not':
      return false;
    default:
      return true;
  }
}

class Builder {
  private readonly atomIds = new Map<string, number>();
  private readonly leafIds = new Map<string, number>();
  private readonly leaves: CompiledLeaf[] = [];
  private readonly words = new Map<string, number[]>();
  private readonly prefixes = new Map<string, number[]>();
  private readonly patterns = new Map<string, Pattern[]>();
  private readonly topicsByAtom: number[][] = [];
  private readonly atomCosts: number[] = [];
  private readonly scopes = new Set<Field>();
  private readonly stems = new Map<string, Map<string, number[]>>(
    STEMMED_LANGUAGES.map((code) => [code, new Map()]),
  );
  private topicCount = 0;

  addTopic(spec: TopicSpec, root: QueryNode): CompiledTopic {
    const index = this.topicCount++;
    const positiveLeaves: number[] = [];
    const compiled = this.compileNode(root, true, positiveLeaves);
    for (const atom of chooseTriggers(compiled, this.leaves, (a) => this.atomCosts[a] ?? 1)) {
      this.topicsByAtom[atom]?.push(index);
    }
    return {
      name: spec.name,
      recipients: spec.recipients ?? [],
      alert: spec.alert ?? 'instant',
      normalised: formatQuery(root),
      root: compiled,
      positiveLeaves: [...new Set(positiveLeaves)],
    };
  }

  finish(topics: CompiledTopic[]): CompiledTopics {
    return {
      topics,
      leaves: this.leaves,
      lexicon: new Lexicon(this.words, this.prefixes, this.patterns),
      atomCount: this.topicsByAtom.length,
      topicsByAtom: this.topicsByAtom,
      scopes: this.scopes,
      stems: this.stems,
    };
  }

  private compileNode(node: QueryNode, positive: boolean, positiveLeaves: number[]): CompiledNode {
    switch (node.kind) {
      case 'term':
      case 'prefix':
      case 'phrase':
      case 'pattern': {
        const leaf = this.leaf(node);
        if (positive) positiveLeaves.push(leaf);
        return { kind: 'leaf', leaf };
      }
      case 'and':
      case 'or':
        return {
          kind: node.kind,
          children: node.children.map((c) => this.compileNode(c, positive, positiveLeaves)),
        };
      case 'not':
        return { kind: 'not', child: this.compileNode(node.child, false, positiveLeaves) };
      case 'near':
        return {
          kind: 'near',
          left: this.compileNode(node.left, positive, positiveLeaves),
          right: this.compileNode(node.right, positive, positiveLeaves),
          distance: node.distance,
          ordered: node.ordered,
        };
    }
  }

  private leaf(node: LeafNode): number {
    const display = formatLeaf(node);
    const known = this.leafIds.get(display);
    if (known !== undefined) return known;
    if (node.field) this.scopes.add(node.field);
    const exactCase = node.kind === 'term' || node.kind === 'phrase' ? node.exactCase : undefined;
    const id = this.leaves.push({ atoms: this.leafAtoms(node), field: node.field, display, exactCase }) - 1;
    this.leafIds.set(display, id);
    return id;
  }

  private leafAtoms(node: LeafNode): number[] {
    switch (node.kind) {
      case 'term':
        // An exact-case word has no variants: case:US is not "USA" or "uses".
        return node.exactCase
          ? [this.atom(`c:${node.word}`, [node.word], this.words, wordCost(node.word))]
          : [this.wordAtom(node.word)];
      case 'prefix':
        return [this.atom(`p:${node.prefix}`, [node.prefix], this.prefixes, PREFIX_COST)];
      case 'pattern':
        return [this.patternAtom(node.pattern)];
      case 'phrase':
        return node.words.map((w) =>
          node.exactCase
            ? this.atom(`c:${w}`, [w], this.words, wordCost(w))
            : this.atom(`x:${w}`, spellingVariants(w), this.words, wordCost(w)),
        );
    }
  }

  /** A bare word: its English forms in every item, its stem in an item of a stemmed language. */
  private wordAtom(word: string): number {
    const key = `w:${word}`;
    const known = this.atomIds.get(key);
    if (known !== undefined) return known;
    const id = this.atom(key, wordForms(word), this.words, wordCost(word));
    // Numbers and mixed tokens ("g7", "covid19") are no language's inflected words.
    if (!LETTERS_RE.test(word)) return id;
    for (const [code, byStem] of this.stems) {
      const stem = stemmerOf(code)?.(word) ?? word;
      const ids = byStem.get(stem);
      if (ids) ids.push(id);
      else byStem.set(stem, [id]);
    }
    return id;
  }

  /** A ? pattern is looked up by its literal start, like a prefix, then tested whole. */
  private patternAtom(pattern: string): number {
    const key = `q:${pattern}`;
    const known = this.atomIds.get(key);
    if (known !== undefined) return known;
    const id = this.newAtom(key, PREFIX_COST);
    const star = pattern.endsWith('*');
    const body = star ? pattern.slice(0, -1) : pattern;
    const re = new RegExp(`^${body.replaceAll('?', '.')}${star ? '' : '$'}`, 'u');
    const prefix = body.slice(0, body.indexOf('?'));
    const list = this.patterns.get(prefix);
    if (list) list.push({ atom: id, re });
    else this.patterns.set(prefix, [{ atom: id, re }]);
    return id;
  }

  private newAtom(key: string, cost: number): number {
    const id = this.topicsByAtom.push([]) - 1;
    this.atomCosts.push(cost);
    this.atomIds.set(key, id);
    return id;
  }

  private atom(key: string, forms: string[], index: Map<string, number[]>, cost: number): number {
    const known = this.atomIds.get(key);
    if (known !== undefined) return known;
    const id = this.newAtom(key, cost);
    for (const form of forms) {
      const ids = index.get(form);
      if (ids) ids.push(id);
      else index.set(form, [id]);
    }
    return id;
  }
}

// Rough frequency classes for choosing triggers: function words are everywhere, short words and
// prefixes match often, longer words (names, subjects) rarely.
const FUNCTION_WORDS = new Set(
  'a an and are as at be but by for from has have he in is it its of on or said she that the their they this to was were which will with'.split(
    ' ',
  ),
);
const PREFIX_COST = 4;
const LETTERS_RE = /^\p{L}+$/u;

function wordCost(word: string): number {
  if (FUNCTION_WORDS.has(word)) return 100;
  return word.length <= 3 ? 3 : 1;
}

/**
 * What compile.ts makes of the topics: the query trees over numbered leaves, and the atoms each
 * leaf needs. A module of its own so that compile.ts and triggers.ts, which both read it, do not
 * import each other.
 */
import type { AlertMode } from '../model.ts';
import type { Field } from './ast.ts';
import type { Lexicon } from './lexicon.ts';
import type { StemIndex } from './stems.ts';

export type CompiledNode =
  | { kind: 'leaf'; leaf: number }
  | { kind: 'and' | 'or'; children: CompiledNode[] }
  | { kind: 'not'; child: CompiledNode }
  | { kind: 'near'; left: CompiledNode; right: CompiledNode; distance: number; ordered: boolean };

export interface CompiledLeaf {
  /** Atom ids: one for a term or prefix, one per word for a phrase. */
  atoms: number[];
  field: Field | undefined;
  /** How the leaf is shown in `terms`: its normalised query text. */
  display: string;
  /** For `case:`, the exact surface each atom's word must have in the item. */
  exactCase?: string[] | undefined;
}

export interface CompiledTopic {
  name: string;
  recipients: string[];
  alert: AlertMode;
  normalised: string;
  root: CompiledNode;
  /** Leaves outside any NOT: the ones that explain a match. */
  positiveLeaves: number[];
}

export interface CompiledTopics {
  topics: CompiledTopic[];
  leaves: CompiledLeaf[];
  /** Folded word forms and wildcard prefixes → atom ids. */
  lexicon: Lexicon;
  atomCount: number;
  /** Atom id → indexes of the topics it triggers (see triggers.ts). */
  topicsByAtom: number[][];
  scopes: Set<Field>;
  /**
   * Language code → stem → atom ids of the bare query words with that stem under the language's
   * stemmer: an item in that language matches a word by stem too (see stems.ts).
   */
  stems: StemIndex;
}

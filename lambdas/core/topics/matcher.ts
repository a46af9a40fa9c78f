/** The matcher the pipeline holds for a cold start's lifetime. */
import type { AlertMode, TopicHit } from '../model.ts';
import { compileAll } from './compile.ts';
import type { CompiledTopics } from './compiled.ts';
import { type MatchDocument, ScannedDocument } from './document.ts';
import { Evaluation } from './evaluate.ts';
import type { TopicsSection } from './schema.ts';

export interface TopicInfo {
  name: string;
  recipients: string[];
  alert: AlertMode;
  /** The query as parsed: explicit operators and parentheses, aliases expanded. */
  normalised: string;
}

export interface TopicMatcher {
  readonly topics: readonly TopicInfo[];
  /** Hits in config order, one per matching topic. */
  match(doc: MatchDocument): TopicHit[];
}

/** Parses and indexes every topic; throws TopicQueryError for the first invalid query or alias. */
export function compileTopics(section: TopicsSection): TopicMatcher {
  const compiled = compileAll(section);
  // Scratch state reused across items; match() is synchronous, so calls cannot interleave.
  const scanned = new ScannedDocument(compiled);
  const state: MatchState = {
    scanned,
    evaluation: new Evaluation(compiled, scanned),
    candidates: new Candidates(compiled.topics.length),
  };
  return {
    topics: compiled.topics.map(({ name, recipients, alert, normalised }) => ({
      name,
      recipients,
      alert,
      normalised,
    })),
    match: (doc) => matchDocument(compiled, state, doc),
  };
}

interface MatchState {
  scanned: ScannedDocument;
  evaluation: Evaluation;
  candidates: Candidates;
}

function matchDocument(compiled: CompiledTopics, state: MatchState, doc: MatchDocument): TopicHit[] {
  const { scanned, evaluation, candidates } = state;
  scanned.scan(doc);
  evaluation.reset();
  // Only topics with a word in this item can match (compile refuses queries that need none).
  candidates.reset();
  for (const atom of scanned.seenAtoms) {
    for (const topic of compiled.topicsByAtom[atom] ?? []) candidates.add(topic);
  }
  const hits: TopicHit[] = [];
  for (const index of candidates.sorted()) {
    const topic = compiled.topics[index];
    if (topic && evaluation.matches(topic.root)) hits.push(evaluation.hit(topic));
  }
  return hits;
}

/** A set of topic indexes without per-item allocation beyond the list itself. */
class Candidates {
  private readonly stamps: Uint32Array;
  private generation = 0;
  private list: number[] = [];

  constructor(size: number) {
    this.stamps = new Uint32Array(size);
  }

  reset(): void {
    this.generation++;
    this.list = [];
  }

  add(topic: number): void {
    if (this.stamps[topic] === this.generation) return;
    this.stamps[topic] = this.generation;
    this.list.push(topic);
  }

  /** Config order, so hits come out in the order topics were written. */
  sorted(): Int32Array {
    return Int32Array.from(this.list).sort();
  }
}

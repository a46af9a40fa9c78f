/** The matcher the pipeline holds for a cold start's lifetime. */
import type { TopicHit } from '../model.ts';
import { type CompiledTopics, compileAll } from './compile.ts';
import { type MatchDocument, scanDocument } from './document.ts';
import { Evaluation } from './evaluate.ts';
import type { TopicsSection } from './schema.ts';

export interface TopicInfo {
  name: string;
  recipients: string[];
  alert: string;
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
  return {
    topics: compiled.topics.map(({ name, recipients, alert, normalised }) => ({
      name,
      recipients,
      alert,
      normalised,
    })),
    match: (doc) => matchDocument(compiled, doc),
  };
}

function matchDocument(compiled: CompiledTopics, doc: MatchDocument): TopicHit[] {
  const scanned = scanDocument(doc, compiled);
  const candidates = new Set<number>();
  for (const atom of scanned.occurrences.keys()) {
    for (const topic of compiled.topicsByAtom[atom] ?? []) candidates.add(topic);
  }
  const evaluation = new Evaluation(compiled, scanned);
  const hits: TopicHit[] = [];
  for (const index of [...candidates].sort((a, b) => a - b)) {
    const topic = compiled.topics[index];
    if (topic && evaluation.matches(topic.root)) hits.push(evaluation.hit(topic));
  }
  return hits;
}

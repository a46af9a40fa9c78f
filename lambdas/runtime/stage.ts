/**
 * The story stage over a container's store and topics, for the local runner and the benches. Not
 * part of the container: the fetcher's bundle would carry the clustering engine for nothing.
 */
import type { StageJournal } from '../core/stage/journal.ts';
import { createStoryStage, type StoryStage } from '../core/stage/stage.ts';
import type { Container } from './container.ts';

export function buildStage(
  c: Pick<Container, 'store' | 'topics' | 'clock' | 'followUps'>,
  journal: StageJournal,
): StoryStage {
  return createStoryStage({
    store: c.store,
    journal,
    topics: c.topics,
    clock: c.clock,
    followUps: c.followUps,
  });
}

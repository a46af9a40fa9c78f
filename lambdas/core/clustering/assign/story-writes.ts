/** Story centroid writes: optimistic locking, and following a story that was merged away. */

import { StoryConflictError } from '../errors.ts';
import type { ClusterOptions } from '../options.ts';
import type { StoryVector } from '../port.ts';
import { type Context, expiresAfter } from './context.ts';
import type { Engine } from './engine.ts';
import { sleep } from './settle.ts';

const MAX_STORY_WRITES = 50;

/**
 * Writes `change(current)` over the version it read; a writer that lost the race re-reads and
 * retries, with a random pause so a crowd of joiners spreads out. A story merged away meanwhile
 * hands the write to the story that absorbed it. Resolves to the id written.
 */
export async function updateStory(
  engine: Engine,
  ctx: Context,
  storyId: string,
  change: (current: StoryVector | undefined, storyId: string) => StoryVector,
): Promise<string> {
  const { index, opts } = engine;
  let id = storyId;
  for (let attempt = 0; attempt < MAX_STORY_WRITES; attempt++) {
    const [current] = await index.getStories([id]);
    if (current?.mergedInto) {
      id = current.mergedInto;
      continue;
    }
    if (await index.putStory(change(current, id), storyExpiry(opts, ctx))) return id;
    await sleep(Math.random() * opts.pollMs * Math.min(attempt + 1, 5));
  }
  throw new StoryConflictError(`story ${storyId}: centroid update lost ${MAX_STORY_WRITES} races in a row`);
}

/** Centroids live as long as the items that can still join them. */
export function storyExpiry(opts: ClusterOptions, ctx: Context): number {
  return expiresAfter(ctx.eventTime, Math.ceil((2 * opts.windowDays + 1) * 86_400), ctx.now);
}

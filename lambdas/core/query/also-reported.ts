/** The read side of stories/also-reported.ts: which listed stories report a story's event in another language. */
import type { Store } from '../ports.ts';
import { ALSO_REPORTED_WINDOW_MS, alsoReported, type Reported } from '../stories/also-reported.ts';
import { type StoryView, storyView } from './queries.ts';

/**
 * One listing read, newest first, bounds the cost of a story page: a story opened so long ago that
 * this many stories opened since finds no reports in other languages.
 */
const MAX_CANDIDATES = 500;

export async function reportsInOtherLanguages(
  store: Pick<Store, 'listStories'>,
  story: Reported,
): Promise<StoryView[]> {
  if (!story.lang) return [];
  const since = new Date(Date.parse(story.firstSeen) - ALSO_REPORTED_WINDOW_MS).toISOString();
  const listed = await store.listStories({ since, limit: MAX_CANDIDATES });
  return alsoReported(
    story,
    listed.filter((s) => !s.mergedInto),
  ).map(storyView);
}

/**
 * The story list as a desk reads it: by when the outlets published, not by when newswatch
 * happened to fetch, with the first report's lead under each headline.
 */
import type { Store } from '../ports.ts';
import type { StoryView } from './queries.ts';

const LEAD_CHARS = 280;

/** The first report's publish time; an undated story counts from when newswatch first saw it. */
export const publishedAt = (story: StoryView): string => story.firstPublished ?? story.firstSeen;

const ms = (iso: string) => Date.parse(iso) || 0;

/**
 * Stories published since `since`, newest published first; first sighting breaks ties. The
 * stores list by first sighting, which is never before publishing for an outlet whose clock is
 * right, so filtering what they return loses only stories dated in the future.
 */
export function byPublishTime(stories: readonly StoryView[], since?: string): StoryView[] {
  const from = since === undefined ? Number.NEGATIVE_INFINITY : ms(since);
  return stories
    .filter((s) => ms(publishedAt(s)) >= from)
    .sort((a, b) => ms(publishedAt(b)) - ms(publishedAt(a)) || ms(b.firstSeen) - ms(a.firstSeen));
}

/** The first report's summary as its feed gave it, cut at a word; none when the feed gave none. */
export async function storyLead(store: Store, story: StoryView): Promise<string | undefined> {
  const item = story.firstItemId ? await store.getItem(story.firstItemId) : undefined;
  const text = item?.summary?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (text.length <= LEAD_CHARS) return text;
  const cut = text.slice(0, LEAD_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), LEAD_CHARS / 2)).trimEnd()}…`;
}

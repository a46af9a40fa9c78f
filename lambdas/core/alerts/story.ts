/**
 * The story as an alert shows it, read when the email is sent rather than when the intent was
 * written: by then more outlets may carry it, and the credit rule (stories/credit.ts) may have
 * moved its headline and first reporter to an earlier copy.
 */
import type { AlertIntent, StoredItem } from '../model.ts';
import type { Store } from '../ports.ts';
import { creditOf } from '../stories/credit.ts';
import { storyFamily } from '../stories/family.ts';

/** One outlet's copy: its own headline, link and time. */
export interface StoryCopy {
  outlet: string;
  title: string;
  url?: string;
  published?: string;
  firstSeen?: string;
  lang?: string;
}

export interface AlertStory {
  id: string;
  headline: string;
  firstOutlet: string;
  firstPublished?: string;
  firstSeen: string;
  /** The story's language (model.ts Story.lang). */
  lang?: string;
  /** One per outlet, its earliest copy, earliest first (the credit order). */
  copies: StoryCopy[];
}

/**
 * The story of an intent, or, when the story is gone, what the intent itself recorded. Its copies
 * are the rows of the story's index query (one per story the family holds), not an item read per
 * member: a member whose row the index does not show yet shows in the next email.
 */
export async function alertStory(store: Store, intent: AlertIntent): Promise<AlertStory> {
  const family = await storyFamily(store, intent.storyId);
  if (!family) {
    return {
      id: intent.storyId,
      headline: intent.headline,
      firstOutlet: intent.outlet,
      firstSeen: intent.createdAt,
      copies: [{ outlet: intent.outlet, title: intent.headline, url: intent.url }],
    };
  }
  const items = (await Promise.all(family.ids.map((id) => store.listStoryItems(id)))).flat();
  const { story } = family;
  return {
    id: story.id,
    headline: story.headline,
    firstOutlet: story.firstOutlet,
    firstPublished: story.firstPublished,
    firstSeen: story.firstSeen,
    ...(story.lang ? { lang: story.lang } : {}),
    copies: copiesOf(items),
  };
}

/** Each outlet's earliest copy, in the order the story credits its reporters. */
function copiesOf(items: StoredItem[]): StoryCopy[] {
  const ranked = items
    .map((item) => ({ item, rank: creditOf(item).firstRank }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1));
  const copies: StoryCopy[] = [];
  for (const { item } of ranked) {
    if (copies.some((c) => c.outlet === item.outlet)) continue;
    copies.push({
      outlet: item.outlet,
      title: item.title,
      url: item.url,
      published: item.published,
      firstSeen: item.firstSeen,
      ...(item.lang ? { lang: item.lang } : {}),
    });
  }
  return copies;
}

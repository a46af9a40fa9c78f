/**
 * The story as an alert shows it, read when the email is sent rather than when the intent was
 * written: by then more outlets may carry it, and the credit rule (stories/credit.ts) may have
 * moved its headline and first reporter to an earlier copy.
 */
import type { AlertIntent } from '../model.ts';
import type { Store } from '../ports.ts';
import { NotFoundError, storyDetail } from '../query/queries.ts';

/** One outlet's copy: its own headline, link and time. */
export interface StoryCopy {
  outlet: string;
  title: string;
  url?: string;
  published?: string;
  firstSeen?: string;
}

export interface AlertStory {
  id: string;
  headline: string;
  firstOutlet: string;
  firstPublished?: string;
  firstSeen: string;
  /** One per outlet, its earliest copy, earliest first (the credit order). */
  copies: StoryCopy[];
}

/** The story of an intent, or, when the story is gone, what the intent itself recorded. */
export async function alertStory(store: Store, intent: AlertIntent): Promise<AlertStory> {
  try {
    const { story, members } = await storyDetail(store, intent.storyId);
    const copies: StoryCopy[] = [];
    for (const m of members) {
      // A member whose ingest is still running has no item yet: it shows in the next email.
      if (!m.outlet || copies.some((c) => c.outlet === m.outlet)) continue;
      copies.push({
        outlet: m.outlet,
        title: m.title ?? '',
        url: m.url,
        published: m.published,
        firstSeen: m.firstSeen,
      });
    }
    return { ...story, copies };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    return {
      id: intent.storyId,
      headline: intent.headline,
      firstOutlet: intent.outlet,
      firstSeen: intent.createdAt,
      copies: [{ outlet: intent.outlet, title: intent.headline, url: intent.url }],
    };
  }
}

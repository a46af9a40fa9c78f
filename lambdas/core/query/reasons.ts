/**
 * Why an item is in its story, in words a reader of `newswatch explain` can check against the
 * articles: which report it was compared with, named by outlet and headline, not by item hash.
 * Built from the membership's structure, so it reads the same whatever notes the engine leaves.
 */
import type { Membership } from '../model.ts';

const HOW_JOINED: Record<string, string> = {
  'same-guid': 'the same feed entry as',
  'same-url': 'the same article (same link) as',
  'same-event': 'the same event as the story of',
  // Methods of the engine before the same-event model, still on stored items.
  'near-duplicate': 'a near-copy of',
  similar: 'similar to',
};

/** An item as a reader knows it: outlet, headline, publish time and link. */
export interface ItemRef {
  itemId: string;
  title?: string;
  outlet?: string;
  url?: string;
  published?: string;
  firstSeen?: string;
  /** ISO 639-1 code of the copy's language, for the page's `lang` attribute and readers. */
  lang?: string;
}

/** `Outlet: "Headline"`, or what is known of an item that is not stored (any more). */
function describeItem(ref: ItemRef): string {
  if (!ref.outlet) return `item ${ref.itemId} (not stored)`;
  return ref.title?.trim() ? `${ref.outlet}: "${ref.title.trim()}"` : `${ref.outlet} (untitled)`;
}

export function memberReason(m: Membership, matched: ItemRef | undefined): string {
  const score = `score ${m.score.toFixed(2)}`;
  if (m.isNew) {
    return matched
      ? `started the story: no story took it; the nearest report was ${describeItem(matched)} (${score})`
      : 'started the story: nothing newswatch had seen in the time window shared enough with it';
  }
  const how = HOW_JOINED[m.method] ?? `${m.method}, compared with`;
  return `joined: ${how} ${matched ? describeItem(matched) : 'a member'} (${score})`;
}

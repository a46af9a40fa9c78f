/**
 * Story records as the stage keeps them: it is their only writer, so a member is added by
 * arithmetic in memory and the record is written whole, once per batch. The rule for the first
 * reporter and the headline is the one in stories/credit.ts: the smallest rank wins, whatever
 * order members arrive in.
 */
import type { QueuedItem, Story } from '../model.ts';
import { creditOf } from '../stories/credit.ts';

export function withMember(story: Story | undefined, storyId: string, item: QueuedItem, now: string): Story {
  const credit = creditOf(item);
  const base: Story = story ?? {
    id: storyId,
    headline: credit.headline,
    firstSeen: item.firstSeen,
    firstOutlet: item.outlet,
    outlets: [],
    outletCount: 0,
    memberCount: 0,
    updatedAt: now,
    ...(item.lang === undefined ? {} : { lang: item.lang }),
  };
  const outlets = base.outlets.includes(item.outlet) ? base.outlets : [...base.outlets, item.outlet].sort();
  const first = base.firstRank === undefined || credit.firstRank < base.firstRank;
  const headline = base.headlineRank === undefined || credit.headlineRank < base.headlineRank;
  return {
    ...base,
    outlets,
    outletCount: outlets.length,
    memberCount: base.memberCount + 1,
    updatedAt: now,
    ...(first
      ? {
          firstRank: credit.firstRank,
          firstItemId: item.id,
          firstOutlet: item.outlet,
          ...(credit.published ? { firstPublished: credit.published } : {}),
        }
      : {}),
    ...(headline ? { headlineRank: credit.headlineRank, headline: credit.headline } : {}),
  };
}

/** Both directions of a merge: the absorbed story points at the survivor, which lists it. */
export function merged(absorbed: Story, survivor: Story, now: string): [Story, Story] {
  const from = new Set(survivor.mergedFrom ?? []).add(absorbed.id);
  return [
    { ...absorbed, mergedInto: survivor.id, updatedAt: now },
    { ...survivor, mergedFrom: [...from].sort(), updatedAt: now },
  ];
}

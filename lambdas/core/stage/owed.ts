/**
 * Follow-ups a batch may owe (alerts/follow-up.ts): a story the batch grew to a topic's outlet
 * threshold. Decided here from memory and journalled with the batch; whether one is owed (the
 * first alert went out naming fewer outlets) is for the store to say when the debt is paid, and
 * the alerter checks the other side when it marks a first alert sent, so nothing is lost.
 */
import type { FollowUpCheck, FollowUps } from '../alerts/follow-up.ts';
import { familyIn, matchedKey, type Window } from './window.ts';

export async function followUpChecks(
  w: Window,
  touched: ReadonlySet<string>,
  followUps: FollowUps | undefined,
): Promise<FollowUpCheck[]> {
  if (!followUps || followUps.size === 0) return [];
  const checks: FollowUpCheck[] = [];
  for (const storyId of touched) {
    const story = w.stories.get(storyId);
    if (!story) continue;
    const family = await familyIn(w, story);
    for (const [topic, outlets] of followUps) {
      if (family.story.outletCount < outlets) continue;
      if (!family.ids.some((id) => w.matched.has(matchedKey(id, topic)))) continue;
      const { id, outletCount } = family.story;
      checks.push({ story: { id, outletCount }, ids: family.ids, topic, outlets });
    }
  }
  return checks;
}

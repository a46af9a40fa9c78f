/**
 * Follow-ups owed after a batch (alerts/follow-up.ts): a story the batch grew to a topic's outlet
 * threshold, whose first alert already went out naming fewer outlets. The alerter checks the
 * other side when it marks a first alert sent, so nothing is lost if this runs before that.
 */
import { createFollowUp, type FollowUps } from '../alerts/follow-up.ts';
import type { AlertKey } from '../model.ts';
import type { Store } from '../ports.ts';
import { familyIn, matchedKey, type Window } from './window.ts';

export async function followUpsFor(
  w: Window,
  touched: ReadonlySet<string>,
  deps: { store: Store; followUps?: FollowUps; clock: { now(): Date } },
): Promise<AlertKey[]> {
  if (!deps.followUps || deps.followUps.size === 0) return [];
  const now = deps.clock.now().toISOString();
  const queued: AlertKey[] = [];
  for (const storyId of touched) {
    const story = w.stories.get(storyId);
    if (!story) continue;
    const family = await familyIn(w, story);
    for (const [topic, outlets] of deps.followUps) {
      if (family.story.outletCount < outlets) continue;
      if (!family.ids.some((id) => w.matched.has(matchedKey(id, topic)))) continue;
      const key = await createFollowUp(deps.store, family, topic, outlets, now);
      if (key) queued.push(key);
    }
  }
  return queued;
}

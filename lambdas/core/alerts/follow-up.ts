/**
 * Follow-ups: a topic's `updates: { outlets: N }` asks for one more email when a story first
 * reaches N outlets. It is owed only when the story's first alert went out naming fewer than N,
 * and it is an outbox entry keyed by the threshold, so retries and concurrent fetchers create it
 * once and the alerter's claim sends it once.
 *
 * Both sides check, in this order, so a copy arriving while the first alert is being sent cannot
 * slip between them: the fetcher records the new outlet and then reads the first alert's state;
 * the alerter marks the first alert sent and then reads the story's outlets.
 */
import type { AlertIntent, AlertKey } from '../model.ts';
import type { Store } from '../ports.ts';
import type { StoryFamily } from '../stories/family.ts';

/** Topic name → the outlet count that earns a follow-up; topics without one are absent. */
export type FollowUps = ReadonlyMap<string, number>;

/** What a follow-up needs of a story's family: the survivor's outlets and every id. */
export interface FamilyCount {
  story: Pick<StoryFamily['story'], 'id' | 'outletCount'>;
  ids: string[];
}

/** The first alert of the topic for the story or any story merged into it. */
async function firstAlert(
  store: Store,
  family: FamilyCount,
  topic: string,
): Promise<AlertIntent | undefined> {
  const found = await Promise.all(family.ids.map((storyId) => store.getAlert({ storyId, topic })));
  return found.find((a) => a !== undefined);
}

/** Creates the follow-up if it is owed and not there yet; returns its key when this call created it. */
export async function createFollowUp(
  store: Store,
  family: FamilyCount,
  topic: string,
  outlets: number,
  now: string,
): Promise<AlertKey | undefined> {
  if (family.story.outletCount < outlets) return undefined;
  const first = await firstAlert(store, family, topic);
  if (first?.status !== 'sent' || (first.outletsShown ?? 0) >= outlets) return undefined;
  const key = { storyId: family.story.id, topic, outlets };
  const created = await store.createAlertIntent({
    ...key,
    recipients: first.recipients,
    // Instant whatever the topic's mode: the desk asked to hear when the story spreads.
    mode: 'instant',
    dueAt: now,
    headline: first.headline,
    outlet: first.outlet,
    url: first.url,
    terms: first.terms,
    snippet: first.snippet,
    createdAt: now,
    status: 'pending',
    attempts: 0,
  });
  return created ? key : undefined;
}

/** A follow-up a batch may owe, journalled with it (core/stage) so a crash cannot lose it. */
export interface FollowUpCheck extends FamilyCount {
  topic: string;
  outlets: number;
}

/**
 * Creates the follow-ups owed and returns the keys to queue: those created now and, when a
 * crashed attempt is being paid again, those it created but may not have queued (the alerter's
 * claim sends each once).
 */
export async function payFollowUps(
  store: Store,
  checks: readonly FollowUpCheck[],
  now: string,
  { again = false } = {},
): Promise<AlertKey[]> {
  const keys: AlertKey[] = [];
  for (const check of checks) {
    const created = await createFollowUp(store, check, check.topic, check.outlets, now);
    const key = { storyId: check.story.id, topic: check.topic, outlets: check.outlets };
    if (created) keys.push(created);
    else if (again && (await store.getAlert(key))?.status === 'pending') keys.push(key);
  }
  return keys;
}

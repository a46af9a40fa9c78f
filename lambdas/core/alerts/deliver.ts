/**
 * Sends outbox entries. The entry is claimed with a lease before sending and marked sent after,
 * so two alerters never both send it and a crash before sending leaves it to be retried. Once SES
 * has accepted an email, nothing that goes wrong afterwards counts as a failed send: the mark is
 * retried, and if the store still refuses it the claim is left to its lease. The one window left
 * is a sender that dies (or a store that stays down) between SES accepting the email and the
 * mark: the lease then expires and the alert goes out a second time. That is the at-least-once
 * side, chosen because the other side loses alerts.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertIntent, AlertKey } from '../model.ts';
import { type Clock, type Mailer, SendError, type Store } from '../ports.ts';
import { storyFamily } from '../stories/family.ts';
import { type DigestEntry, renderDigest } from './digest.ts';
import { createFollowUp, type FollowUps } from './follow-up.ts';
import { type RenderOptions, renderAlert } from './render.ts';
import { alertStory } from './story.ts';

export interface DeliveryDeps extends RenderOptions {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  followUps?: FollowUps;
  /** How long a claim holds before another alerter may retry the entry. */
  leaseMs?: number;
  /** Attempts after which a failing entry is parked as 'failed'. */
  maxAttempts?: number;
}

/** 'unmarked': SES accepted the email but the store would not record it; the lease still holds it. */
export type DeliveryOutcome = 'sent' | 'unmarked' | 'skipped' | 'retry' | 'failed';

/**
 * Longer than the alerter's 30-second timeout, so a claim that expired belongs to a sender that
 * is gone; shorter than the 5-minute sweep, so the next sweep picks it up.
 */
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;
/** Pauses before each retry of the "sent" mark: a throttled table usually answers within a second. */
const MARK_RETRY_DELAYS_MS = [100, 400, 1_600];

const isPermanent = (err: unknown): boolean => err instanceof SendError && err.permanent;

async function claim(key: AlertKey, deps: DeliveryDeps): Promise<AlertIntent | undefined> {
  const now = deps.clock.now().toISOString();
  if (!(await deps.store.claimAlert(key, now, deps.leaseMs ?? DEFAULT_LEASE_MS))) return undefined;
  return deps.store.getAlert(key);
}

/** Returns the intent to pending, or parks it with the reason when retrying cannot help. */
async function settleFailure(
  intent: AlertIntent,
  err: unknown,
  deps: DeliveryDeps,
): Promise<'failed' | 'retry'> {
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const permanent = isPermanent(err) || intent.attempts >= maxAttempts;
  const message = (err as Error).message;
  const reason =
    permanent && !isPermanent(err) ? `gave up after ${intent.attempts} attempts: ${message}` : message;
  const at = deps.clock.now().toISOString();
  await deps.store.failAlert(intent, { error: reason, permanent, at });
  return permanent ? 'failed' : 'retry';
}

/** Records an accepted email as sent; false when the store refused every try. */
async function markSent(
  intent: AlertIntent,
  sent: { messageId: string; outletsShown: number },
  deps: DeliveryDeps,
): Promise<boolean> {
  const result = { ...sent, sentAt: deps.clock.now().toISOString() };
  for (const delay of [0, ...MARK_RETRY_DELAYS_MS]) {
    await sleep(delay);
    try {
      await deps.store.completeAlert(intent, result);
      return true;
    } catch {
      // A refused mark must not turn into a failed send: the email is out. Try again.
    }
  }
  return false;
}

export async function deliverAlert(key: AlertKey, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const intent = await claim(key, deps);
  if (!intent) return 'skipped';
  let sent: { messageId: string; outletsShown: number };
  try {
    const story = await alertStory(deps.store, intent);
    const { messageId } = await deps.mailer.send(renderAlert(intent, story, deps));
    sent = { messageId, outletsShown: story.copies.length };
  } catch (err) {
    return settleFailure(intent, err, deps);
  }
  if (!(await markSent(intent, sent, deps))) return 'unmarked';
  await followUpIfOwed(intent, deps);
  return 'sent';
}

/** A copy that arrived while the first alert was being sent: its follow-up is created here. */
async function followUpIfOwed(intent: AlertIntent, deps: DeliveryDeps): Promise<void> {
  const outlets = deps.followUps?.get(intent.topic);
  if (outlets === undefined || intent.outlets !== undefined) return;
  const family = await storyFamily(deps.store, intent.storyId);
  if (family) await createFollowUp(deps.store, family, intent.topic, outlets, deps.clock.now().toISOString());
}

export interface SweepReport {
  sent: AlertKey[];
  unmarked: AlertKey[];
  failed: AlertKey[];
  retry: AlertKey[];
}

const keyOf = ({ storyId, topic, outlets }: AlertIntent): AlertKey =>
  outlets === undefined ? { storyId, topic } : { storyId, topic, outlets };

/** Claims what it can of a digest group, sends one email for all of it, and settles each entry. */
async function deliverDigest(group: AlertIntent[], deps: DeliveryDeps, report: SweepReport): Promise<void> {
  const claimed: AlertIntent[] = [];
  for (const intent of group) {
    const fresh = await claim(keyOf(intent), deps);
    if (fresh) claimed.push(fresh);
  }
  if (claimed.length === 0) return;
  let entries: DigestEntry[];
  let messageId: string;
  try {
    entries = await Promise.all(
      claimed.map(async (intent) => ({ intent, story: await alertStory(deps.store, intent) })),
    );
    ({ messageId } = await deps.mailer.send(renderDigest(entries, deps)));
  } catch (err) {
    for (const intent of claimed) report[await settleFailure(intent, err, deps)].push(keyOf(intent));
    return;
  }
  for (const { intent, story } of entries) {
    const marked = await markSent(intent, { messageId, outletsShown: story.copies.length }, deps);
    if (marked) await followUpIfOwed(intent, deps);
    report[marked ? 'sent' : 'unmarked'].push(keyOf(intent));
  }
}

/** Digest entries for the same topic and recipients travel in one email. */
function digestGroups(intents: AlertIntent[]): AlertIntent[][] {
  const groups = new Map<string, AlertIntent[]>();
  for (const intent of intents) {
    const key = `${intent.mode}\n${intent.topic}\n${[...intent.recipients].sort().join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), intent]);
  }
  return [...groups.values()];
}

/**
 * Sends every entry that is due: instant ones whose queue message was lost or whose send failed,
 * and digests whose hour or day has come. The safety net and the digest clock in one.
 */
export async function sweepPendingAlerts(deps: DeliveryDeps, limit = 500): Promise<SweepReport> {
  const report: SweepReport = { sent: [], unmarked: [], failed: [], retry: [] };
  const due = await deps.store.listPendingAlerts(limit, deps.clock.now().toISOString());
  for (const intent of due.filter((i) => i.mode === 'instant')) {
    const outcome = await deliverAlert(keyOf(intent), deps);
    if (outcome !== 'skipped') report[outcome].push(keyOf(intent));
  }
  for (const group of digestGroups(due.filter((i) => i.mode !== 'instant')))
    await deliverDigest(group, deps, report);
  return report;
}

/**
 * Sends outbox entries. The entry is claimed with a lease before sending and marked sent after,
 * so two alerters never both send it and a crash before sending leaves it to be retried. The one
 * window left is a crash after SES accepted the email and before the entry is marked: the lease
 * then expires and the alert goes out a second time. That is the at-least-once side, chosen
 * because the other side loses alerts.
 */

import type { AlertIntent } from '../model.ts';
import type { Clock, Mailer, Store } from '../ports.ts';
import { renderAlert, renderDigest } from './render.ts';

export interface AlertKey {
  storyId: string;
  topic: string;
}

export interface DeliveryDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  subjectPrefix: string;
  /** How long a claim holds before another alerter may retry the entry. */
  leaseMs?: number;
  /** Attempts after which a failing entry is parked as 'failed'. */
  maxAttempts?: number;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed';

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;

function isPermanent(err: unknown): boolean {
  return (err as { permanent?: unknown }).permanent === true;
}

export async function deliverAlert(key: AlertKey, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const { store, mailer, clock } = deps;
  const now = clock.now().toISOString();
  if (!(await store.claimAlert(key.storyId, key.topic, now, deps.leaseMs ?? DEFAULT_LEASE_MS)))
    return 'skipped';
  const intent = await store.getAlert(key.storyId, key.topic);
  if (!intent) return 'skipped';
  try {
    const { messageId } = await mailer.send(renderAlert(intent, deps.subjectPrefix));
    await store.completeAlert(key.storyId, key.topic, { messageId, sentAt: clock.now().toISOString() });
    return 'sent';
  } catch (err) {
    const permanent = isPermanent(err) || intent.attempts >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    await store.failAlert(key.storyId, key.topic, (err as Error).message, permanent);
    return permanent ? 'failed' : 'retry';
  }
}

export interface SweepReport {
  sent: AlertKey[];
  failed: AlertKey[];
  retry: AlertKey[];
}

const keyOf = (intent: AlertIntent): AlertKey => ({ storyId: intent.storyId, topic: intent.topic });

/** Claims what it can of a digest group, sends one email for all of it, and settles each entry. */
async function deliverDigest(group: AlertIntent[], deps: DeliveryDeps, report: SweepReport): Promise<void> {
  const { store, clock } = deps;
  const now = clock.now().toISOString();
  const claimed: AlertIntent[] = [];
  for (const intent of group) {
    if (!(await store.claimAlert(intent.storyId, intent.topic, now, deps.leaseMs ?? DEFAULT_LEASE_MS)))
      continue;
    const fresh = await store.getAlert(intent.storyId, intent.topic);
    if (fresh) claimed.push(fresh);
  }
  if (claimed.length === 0) return;
  try {
    const { messageId } = await deps.mailer.send(renderDigest(claimed, deps.subjectPrefix));
    const sentAt = clock.now().toISOString();
    for (const intent of claimed)
      await store.completeAlert(intent.storyId, intent.topic, { messageId, sentAt });
    report.sent.push(...claimed.map(keyOf));
  } catch (err) {
    for (const intent of claimed) {
      const permanent = isPermanent(err) || intent.attempts >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      await store.failAlert(intent.storyId, intent.topic, (err as Error).message, permanent);
      report[permanent ? 'failed' : 'retry'].push(keyOf(intent));
    }
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
  const report: SweepReport = { sent: [], failed: [], retry: [] };
  const due = await deps.store.listPendingAlerts(limit, deps.clock.now().toISOString());
  for (const intent of due.filter((i) => i.mode === 'instant')) {
    const outcome = await deliverAlert(keyOf(intent), deps);
    if (outcome !== 'skipped') report[outcome].push(keyOf(intent));
  }
  for (const group of digestGroups(due.filter((i) => i.mode !== 'instant')))
    await deliverDigest(group, deps, report);
  return report;
}

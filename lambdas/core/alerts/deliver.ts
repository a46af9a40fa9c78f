/**
 * Sends outbox entries. The entry is claimed with a lease before sending and marked sent after,
 * so two alerters never both send it and a crash before sending leaves it to be retried. The one
 * window left is a crash after SES accepted the email and before the entry is marked: the lease
 * then expires and the alert goes out a second time. That is the at-least-once side, chosen
 * because the other side loses alerts.
 */
import type { Clock, Mailer, Store } from '../ports.ts';
import { renderAlert } from './render.ts';

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

/** Sends every pending entry: the safety net for a notification lost between store and queue. */
export async function sweepPendingAlerts(deps: DeliveryDeps, limit = 100): Promise<SweepReport> {
  const report: SweepReport = { sent: [], failed: [], retry: [] };
  for (const intent of await deps.store.listPendingAlerts(limit)) {
    const key = { storyId: intent.storyId, topic: intent.topic };
    const outcome = await deliverAlert(key, deps);
    if (outcome !== 'skipped') report[outcome].push(key);
  }
  return report;
}

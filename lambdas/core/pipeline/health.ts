/**
 * What the operator is alarmed about beyond crashes: feeds that have failed for hours and alert
 * emails that should have gone out long ago. Both are states in the store rather than events,
 * so the scheduler measures them on each run and publishes the counts.
 */
import type { AlertIntent, FeedState } from '../model.ts';
import type { Store } from '../ports.ts';

export interface HealthThresholds {
  failingFeedHours: number;
  pendingAlertMinutes: number;
  /** Time between scheduled runs: a feed that never succeeded has failed about this often. */
  scheduleIntervalMs: number;
}

export interface PipelineHealth {
  /** Feeds whose every fetch has failed for longer than the threshold. */
  feedsFailing: string[];
  /** Unsent alert emails pending longer than the threshold past when they were due. */
  alertsOverdue: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * A feed fails from its last success on. One that never succeeded has no start to measure from;
 * its failure count times the schedule is a lower bound, since back-off only stretches it.
 */
function failingForMs(state: FeedState, now: Date, scheduleIntervalMs: number): number {
  if (state.consecutiveFailures === 0) return 0;
  if (state.lastSuccessAt) return now.getTime() - Date.parse(state.lastSuccessAt);
  return state.consecutiveFailures * scheduleIntervalMs;
}

/** An instant alert is due when created; a digest when its hour or day comes (`dueAt`). */
function overdueMs(intent: AlertIntent, now: Date): number {
  const due = intent.mode === 'instant' ? intent.createdAt : intent.dueAt;
  return now.getTime() - Date.parse(due);
}

export function feedsFailing(states: readonly FeedState[], now: Date, t: HealthThresholds): string[] {
  return states
    .filter((s) => failingForMs(s, now, t.scheduleIntervalMs) > t.failingFeedHours * HOUR_MS)
    .map((s) => s.feedId);
}

export function alertsOverdue(pending: readonly AlertIntent[], now: Date, t: HealthThresholds): number {
  return pending.filter((i) => overdueMs(i, now) > t.pendingAlertMinutes * MINUTE_MS).length;
}

/** Past this many pending intents the count is "many"; the alarm fires either way. */
const MAX_PENDING_READ = 1_000;

export async function pipelineHealth(store: Store, now: Date, t: HealthThresholds): Promise<PipelineHealth> {
  const [states, pending] = await Promise.all([
    store.listFeedStates(),
    store.listPendingAlerts(MAX_PENDING_READ),
  ]);
  return { feedsFailing: feedsFailing(states, now, t), alertsOverdue: alertsOverdue(pending, now, t) };
}

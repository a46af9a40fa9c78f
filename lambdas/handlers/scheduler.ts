/** EventBridge schedule → one SQS message per feed that is due. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { scheduleIntervalMs } from '../core/config/schedule.ts';
import { pipelineHealth } from '../core/pipeline/health.ts';
import { dueFeeds } from '../core/pipeline/schedule.ts';
import type { SchedulerDeps } from '../runtime/container.ts';
import { once, systemClock } from '../runtime/from-env.ts';
import { lambdaQueue } from '../runtime/lambda-queue.ts';
import { lambdaStore } from '../runtime/lambda-store.ts';
import { settings } from '../runtime/settings.ts';
import { logger } from './logger.ts';
import { gauge, publish } from './metrics.ts';

export interface SchedulerResult {
  queued: string[];
  skipped: string[];
}

/** The scheduler runs on every tick whatever else happens: the natural place to take a pulse. */
async function reportHealth({ config, store, clock }: SchedulerDeps): Promise<void> {
  const health = await pipelineHealth(store, clock.now(), {
    ...config.operations,
    scheduleIntervalMs: scheduleIntervalMs(config.schedule),
  });
  if (health.feedsFailing.length > 0) logger.warn('feeds failing', { feeds: health.feedsFailing });
  if (health.alertsOverdue > 0) logger.warn('alerts overdue', { count: health.alertsOverdue });
  gauge('FeedsFailing', health.feedsFailing.length);
  gauge('AlertsOverdue', health.alertsOverdue);
  publish();
}

export function createSchedulerHandler(getContainer: () => Promise<SchedulerDeps>) {
  // Lambda passes the tick and its context; the local runner neither.
  return async (_event?: ScheduledEvent, context?: Context): Promise<SchedulerResult> => {
    if (context) logger.addContext(context);
    const { config, store, queue, clock } = await getContainer();
    const due = await dueFeeds(config.feeds, store, clock.now());
    await queue.sendFeeds(due.map((f) => f.id));
    const queued = due.map((f) => f.id);
    const skipped = config.feeds.map((f) => f.id).filter((id) => !queued.includes(id));
    logger.info('feeds queued', { queued, skipped });
    // Feeds are queued by now: a failed measurement must not fail the run and queue them twice.
    await reportHealth({ config, store, queue, clock }).catch((err: unknown) =>
      logger.error('health not measured', { error: err }),
    );
    return { queued, skipped };
  };
}

export const handler = createSchedulerHandler(
  once(async () => {
    const { env, config } = await settings();
    return { config, store: lambdaStore(env), queue: lambdaQueue(env), clock: systemClock };
  }),
);

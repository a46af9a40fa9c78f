/** EventBridge schedule → one SQS message per feed that is due. */
import { dueFeeds } from '../core/pipeline/schedule.ts';
import type { SchedulerDeps } from '../runtime/container.ts';
import { lambdaQueue, lambdaStore, once, systemClock } from '../runtime/from-env.ts';
import { settings } from '../runtime/settings.ts';
import { logger } from './logger.ts';

export interface SchedulerResult {
  queued: string[];
  skipped: string[];
}

export function createSchedulerHandler(getContainer: () => Promise<SchedulerDeps>) {
  return async (): Promise<SchedulerResult> => {
    const { config, store, queue, clock } = await getContainer();
    const due = await dueFeeds(config.feeds, store, clock.now());
    await queue.sendFeeds(due.map((f) => f.id));
    const queued = due.map((f) => f.id);
    const skipped = config.feeds.map((f) => f.id).filter((id) => !queued.includes(id));
    logger.info('feeds queued', { queued, skipped });
    return { queued, skipped };
  };
}

export const handler = createSchedulerHandler(
  once(async () => {
    const { env, config } = await settings();
    return { config, store: lambdaStore(env), queue: lambdaQueue(env), clock: systemClock };
  }),
);

/**
 * The composition root: builds every adapter once and hands the core its ports. Lambdas build
 * it from their environment; the local runner builds it against the stand-ins. Both then run
 * the same handler code.
 */

import { createSesClient } from '../adapters/ses/client.ts';
import { createSesMailer } from '../adapters/ses/mailer.ts';
import type { FollowUps } from '../core/alerts/follow-up.ts';
import { followUpsOf } from '../core/config/follow-ups.ts';
import type { Config } from '../core/config/schema.ts';
import type { Clock, Mailer, Store, WorkQueue } from '../core/ports.ts';
import { compileTopics, type TopicMatcher } from '../core/topics/matcher.ts';
import { buildFetcherDeps, type ContainerOptions, type FetcherDeps } from './fetcher-deps.ts';

// The CLI's feed discovery fetches under the same guards.
export { guardedHttpClient } from './fetcher-deps.ts';

/** What the scheduler needs. */
export interface SchedulerDeps {
  config: Config;
  store: Store;
  queue: WorkQueue;
  clock: Clock;
}

/** What the alerter needs. */
export interface AlerterDeps {
  config: Config;
  store: Store;
  mailer: Mailer;
  clock: Clock;
  followUps: FollowUps;
}

/** Everything, for the local runner, which runs every function in one process. */
export interface Container extends FetcherDeps {
  mailer: Mailer;
  topics: TopicMatcher;
  followUps: FollowUps;
}

export function buildContainer(opts: ContainerOptions): Container {
  const { config } = opts;
  return {
    ...buildFetcherDeps(opts),
    mailer: createSesMailer(
      createSesClient({ region: opts.region, endpoints: opts.endpoints }),
      config.alerts.from,
    ),
    topics: compileTopics({ aliases: config.aliases, topics: config.topics }),
    followUps: followUpsOf(config),
  };
}

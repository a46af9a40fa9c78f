/**
 * The composition root: builds every adapter once and hands the core its ports. Lambdas build
 * it from their environment; the local runner builds it against the stand-ins. Both then run
 * the same handler code.
 */

import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import { createHttpClient } from '../adapters/http/client.ts';
import { createS3Archive } from '../adapters/s3/archive.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import { createSesClient } from '../adapters/ses/client.ts';
import { createSesMailer } from '../adapters/ses/mailer.ts';
import type { FollowUps } from '../core/alerts/follow-up.ts';
import { followUpsOf } from '../core/config/follow-ups.ts';
import type { Config } from '../core/config/schema.ts';
import type { Archive, Clock, HttpClient, Mailer, Store, WorkQueue } from '../core/ports.ts';
import { compileTopics, type TopicMatcher } from '../core/topics/matcher.ts';
import { systemClock } from './from-env.ts';

const PRODUCT_VERSION = '0.1.0';

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

export interface Container {
  config: Config;
  store: Store;
  archive: Archive;
  mailer: Mailer;
  http: HttpClient;
  topics: TopicMatcher;
  clock: Clock;
  queue: WorkQueue;
  followUps: FollowUps;
}

export interface ContainerOptions {
  config: Config;
  tableName: string;
  bucket: string;
  queue: WorkQueue;
  region?: string;
  endpoints?: AwsEndpoints;
  clock?: Clock;
}

/** The HTTP client every fetch of a feed or page goes through, with the configured guards. */
export function guardedHttpClient(fetch: Config['fetch']): HttpClient {
  return createHttpClient({
    userAgent: `newswatch/${PRODUCT_VERSION} (+${fetch.contactUrl})`,
    allowPrivate: fetch.allowPrivate,
    connectTimeoutMs: fetch.connectTimeoutMs,
    totalTimeoutMs: fetch.totalTimeoutMs,
    maxBytes: fetch.maxBytes,
    perHostConcurrency: fetch.perHostConcurrency,
  });
}

export function buildContainer(opts: ContainerOptions): Container {
  const { config } = opts;
  const aws = { region: opts.region, endpoints: opts.endpoints };
  const doc = createDocumentClient(aws);
  const s3 = createS3Client(aws);
  const clock = opts.clock ?? systemClock;
  const store = createDynamoStore(doc, opts.tableName, clock);
  const topics = compileTopics({ aliases: config.aliases, topics: config.topics });
  const followUps = followUpsOf(config);
  return {
    config,
    store,
    archive: createS3Archive(s3, opts.bucket),
    mailer: createSesMailer(createSesClient(aws), config.alerts.from),
    http: guardedHttpClient(config.fetch),
    topics,
    clock,
    queue: opts.queue,
    followUps,
  };
}

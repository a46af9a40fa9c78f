/**
 * Adapters a Lambda builds from its environment, once per cold start. Each handler asks only for
 * the parts it uses, so the scheduler, alerter and query bundles carry neither the feed parser
 * nor the article extractor (and the query bundle not even the configuration parser).
 */
import { createDocumentClient, createSesClient, createSqsClient } from '../adapters/aws-clients.ts';
import { createDynamoStore } from '../adapters/dynamodb/store.ts';
import { createSesMailer } from '../adapters/ses/mailer.ts';
import { createSqsQueue } from '../adapters/sqs/queue.ts';
import type { Config } from '../core/config/schema.ts';
import type { Clock, Mailer, Store, WorkQueue } from '../core/ports.ts';
import type { LambdaEnv, TableEnv } from './env.ts';

export const systemClock: Clock = { now: () => new Date() };

/** Runs `build` on first use and returns the same promise after, failing the same way each time. */
export function once<T>(build: () => T | Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve().then(build);
    return value;
  };
}

export const lambdaStore = (env: TableEnv): Store =>
  createDynamoStore(createDocumentClient({ region: env.AWS_REGION }), env.NEWSWATCH_TABLE);

export const lambdaQueue = (env: LambdaEnv): WorkQueue =>
  createSqsQueue(
    createSqsClient({ region: env.AWS_REGION }),
    env.NEWSWATCH_FEED_QUEUE_URL,
    env.NEWSWATCH_ALERT_QUEUE_URL,
  );

export const lambdaMailer = (env: LambdaEnv, config: Config): Mailer =>
  createSesMailer(
    createSesClient({ region: env.AWS_REGION }),
    config.alerts.from,
    env.NEWSWATCH_SES_CONFIGURATION_SET,
  );

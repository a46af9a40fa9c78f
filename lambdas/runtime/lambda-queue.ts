/** The work queue on the feed, item (FIFO) and alert SQS queues. */
import { createSqsClient } from '../adapters/sqs/client.ts';
import { createSqsQueue } from '../adapters/sqs/queue.ts';
import type { WorkQueue } from '../core/ports.ts';
import type { LambdaEnv } from './env.ts';

export const lambdaQueue = (env: LambdaEnv): WorkQueue =>
  createSqsQueue(createSqsClient({ region: env.AWS_REGION }), {
    feeds: env.NEWSWATCH_FEED_QUEUE_URL,
    items: env.NEWSWATCH_ITEM_QUEUE_URL,
    alerts: env.NEWSWATCH_ALERT_QUEUE_URL,
  });

/** The container a Lambda builds from its environment, once per cold start. */
import { createSqsClient } from '../adapters/aws-clients.ts';
import { createSqsQueue } from '../adapters/sqs/queue.ts';
import { parseConfig } from '../core/config/load.ts';
import { buildContainer, type Container } from './container.ts';
import { inlinedConfig, readEnv } from './env.ts';

let container: Promise<Container> | undefined;

export function containerFromEnv(): Promise<Container> {
  container ??= Promise.resolve().then(() => {
    const env = readEnv();
    return buildContainer({
      config: parseConfig(inlinedConfig(), 'bundled configuration'),
      tableName: env.NEWSWATCH_TABLE,
      bucket: env.NEWSWATCH_BUCKET,
      region: env.AWS_REGION,
      queue: createSqsQueue(
        createSqsClient({ region: env.AWS_REGION }),
        env.NEWSWATCH_FEED_QUEUE_URL,
        env.NEWSWATCH_ALERT_QUEUE_URL,
      ),
    });
  });
  return container;
}

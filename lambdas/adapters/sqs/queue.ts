/** The WorkQueue port on SQS: feed ids to the fetchers, outbox keys to the alerter. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueue } from '../../core/ports.ts';

const SQS_BATCH = 10;

export class QueueError extends Error {
  override name = 'QueueError';
}

async function sendAll(sqs: SQSClient, QueueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += SQS_BATCH) {
    const Entries = bodies.slice(i, i + SQS_BATCH).map((MessageBody, n) => ({ Id: String(n), MessageBody }));
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    if (out.Failed?.length) {
      const first = out.Failed[0];
      throw new QueueError(
        `${out.Failed.length} of ${Entries.length} messages not queued: ${first?.Code} ${first?.Message}`,
      );
    }
  }
}

export function createSqsQueue(sqs: SQSClient, feedQueueUrl: string, alertQueueUrl: string): WorkQueue {
  return {
    sendFeeds: (feedIds) =>
      sendAll(
        sqs,
        feedQueueUrl,
        feedIds.map((feedId) => JSON.stringify({ feedId })),
      ),
    sendAlerts: (keys) =>
      sendAll(
        sqs,
        alertQueueUrl,
        keys.map((key) => JSON.stringify(key)),
      ),
  };
}

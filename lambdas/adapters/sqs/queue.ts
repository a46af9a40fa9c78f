/**
 * The WorkQueue port on SQS: feed ids to the fetchers, new items to the story stage (FIFO, one
 * message group, so the stage sees them in order), outbox keys to the alerter.
 */
import { createHash } from 'node:crypto';
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueuedItem } from '../../core/model.ts';
import type { WorkQueue } from '../../core/ports.ts';

const SQS_BATCH = 10;
/** SQS refuses a batch over 256 KiB in total; kept below it with room for attributes. */
const BATCH_BYTES = 240 * 1024;
/** Every item goes through one ordered group: the story stage is one writer. */
export const STORY_GROUP = 'stories';

export class QueueError extends Error {
  override name = 'QueueError';
}

/** Consecutive runs of entries, each within SQS's count and size limits, in their order. */
function batches(entries: Omit<SendMessageBatchRequestEntry, 'Id'>[]): SendMessageBatchRequestEntry[][] {
  const out: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.MessageBody ?? '');
    if (current.length === SQS_BATCH || (current.length > 0 && bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ ...entry, Id: String(current.length) });
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function sendAll(
  sqs: SQSClient,
  QueueUrl: string,
  entries: Omit<SendMessageBatchRequestEntry, 'Id'>[],
) {
  // One batch after another: a FIFO queue keeps the order they were sent in.
  for (const Entries of batches(entries)) {
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    if (out.Failed?.length) {
      const first = out.Failed[0];
      throw new QueueError(
        `${out.Failed.length} of ${Entries.length} messages not queued: ${first?.Code} ${first?.Message}`,
      );
    }
  }
}

const plain = (bodies: string[]) => bodies.map((MessageBody) => ({ MessageBody }));

/** The same item content sent twice within SQS's five-minute window is queued once. */
function itemEntry(item: QueuedItem): Omit<SendMessageBatchRequestEntry, 'Id'> {
  return {
    MessageBody: JSON.stringify(item),
    MessageGroupId: STORY_GROUP,
    MessageDeduplicationId: createHash('sha256').update(`${item.id}\u0000${item.contentHash}`).digest('hex'),
  };
}

export interface QueueUrls {
  feeds: string;
  items: string;
  alerts: string;
}

export function createSqsQueue(sqs: SQSClient, urls: QueueUrls): WorkQueue {
  return {
    sendFeeds: (feedIds) =>
      sendAll(sqs, urls.feeds, plain(feedIds.map((feedId) => JSON.stringify({ feedId })))),
    sendItems: (items) => sendAll(sqs, urls.items, items.map(itemEntry)),
    sendAlerts: (keys) => sendAll(sqs, urls.alerts, plain(keys.map((key) => JSON.stringify(key)))),
  };
}

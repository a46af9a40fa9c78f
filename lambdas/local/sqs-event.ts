/**
 * SQS-shaped events for the local runner, which hands the handlers what SQS would: one record
 * per message, in a batch.
 */
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** One record carrying `body` verbatim, as SQS delivers a message. */
export function sqsRecord(body: string, messageId: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:newswatch-local',
    awsRegion: 'local',
  };
}

/** A batch of messages, each the JSON of one of `bodies`. */
export function sqsEvent(bodies: unknown[]): SQSEvent {
  return { Records: bodies.map((body, i) => sqsRecord(JSON.stringify(body), `local-${i}`)) };
}

/**
 * How many of a batch's `size` messages failed. Powertools throws when every one did, so that
 * Lambda hands the whole batch back to SQS; locally that is a result to report, not a crash.
 */
export async function failedMessages(batch: Promise<SQSBatchResponse>, size: number): Promise<number> {
  try {
    return (await batch).batchItemFailures.length;
  } catch (err) {
    if (err instanceof FullBatchFailureError) return size;
    throw err;
  }
}

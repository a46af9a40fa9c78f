/**
 * Lambda events and context for tests that invoke a handler at its seam, the way the Lambda
 * runtime does.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { sqsRecord } from '../../lambdas/local/sqs-event.ts';

/**
 * An SQS batch: a string is a message body as is (malformed ones included), anything else is sent
 * as its JSON. Records are `msg-0`, `msg-1`, ... in order.
 */
export function sqsEvent(bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body, i) =>
      sqsRecord(typeof body === 'string' ? body : JSON.stringify(body), `msg-${i}`),
    ),
  };
}

/** The message ids a partial batch response reports as failed. */
export const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);

/** A Lambda invocation context with the request id `awsRequestId`. */
export function lambdaContext(awsRequestId = 'req-1', functionName = 'newswatch-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/12/02/[$LATEST]0000',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

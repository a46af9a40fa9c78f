import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { describe, expect, it } from 'vitest';
import { failedMessages, sqsEvent } from '../../../lambdas/local/sqs-event.ts';

describe('local SQS events', () => {
  it('carries each body as JSON, one record each', () => {
    const event = sqsEvent([{ feedId: 'a' }, { feedId: 'b' }]);
    expect(event.Records.map((r) => [r.messageId, JSON.parse(r.body)])).toEqual([
      ['local-0', { feedId: 'a' }],
      ['local-1', { feedId: 'b' }],
    ]);
  });

  it('counts the failed messages of a partial batch', async () => {
    const batch = Promise.resolve({ batchItemFailures: [{ itemIdentifier: 'local-1' }] });
    expect(await failedMessages(batch, 3)).toBe(1);
  });

  it('counts every message when Powertools reports that the whole batch failed', async () => {
    expect(await failedMessages(Promise.reject(new FullBatchFailureError([new Error('x')])), 3)).toBe(3);
  });

  it('lets any other error through', async () => {
    await expect(failedMessages(Promise.reject(new Error('store down')), 3)).rejects.toThrow('store down');
  });
});

import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createSqsQueue, QueueError } from '../../../lambdas/adapters/sqs/queue.ts';

const FEEDS = 'https://sqs.eu-west-1.amazonaws.com/1/feeds';
const ALERTS = 'https://sqs.eu-west-1.amazonaws.com/1/alerts';

/** Records every batch sent; `failed` names the entry ids the fake SQS refuses. */
function fakeSqs(failed: string[] = []) {
  const batches: SendMessageBatchCommand['input'][] = [];
  const client = {
    send: async (command: SendMessageBatchCommand): Promise<Partial<SendMessageBatchCommandOutput>> => {
      expect(command).toBeInstanceOf(SendMessageBatchCommand);
      batches.push(command.input);
      const entries = command.input.Entries ?? [];
      return {
        Successful: [],
        Failed: entries
          .filter((e) => failed.includes(e.Id ?? ''))
          .map((e) => ({ Id: e.Id, Code: 'InternalError', Message: 'try again', SenderFault: false })),
      };
    },
  };
  return { batches, client: client as unknown as SQSClient };
}

describe('SQS work queue', () => {
  it('sends feed ids to the feed queue, ten messages a batch', async () => {
    const { batches, client } = fakeSqs();
    const ids = Array.from({ length: 23 }, (_, i) => `feed-${i}`);
    await createSqsQueue(client, FEEDS, ALERTS).sendFeeds(ids);
    expect(batches.map((b) => [b.QueueUrl, b.Entries?.length])).toEqual([
      [FEEDS, 10],
      [FEEDS, 10],
      [FEEDS, 3],
    ]);
    const bodies = batches.flatMap((b) => b.Entries ?? []).map((e) => JSON.parse(e.MessageBody ?? ''));
    expect(bodies).toEqual(ids.map((feedId) => ({ feedId })));
    // Entry ids must be unique within a batch, not across batches.
    expect(new Set(batches[0]?.Entries?.map((e) => e.Id)).size).toBe(10);
  });

  it('sends alert keys to the alert queue as they are, outlets included', async () => {
    const { batches, client } = fakeSqs();
    const keys = [
      { storyId: 's1', topic: 'Japan' },
      { storyId: 's2', topic: 'Rubio', outlets: 3 },
    ];
    await createSqsQueue(client, FEEDS, ALERTS).sendAlerts(keys);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.QueueUrl).toBe(ALERTS);
    expect(batches[0]?.Entries?.map((e) => JSON.parse(e.MessageBody ?? ''))).toEqual(keys);
  });

  it('sends nothing for nothing', async () => {
    const { batches, client } = fakeSqs();
    await createSqsQueue(client, FEEDS, ALERTS).sendFeeds([]);
    expect(batches).toEqual([]);
  });

  it('fails when SQS refuses part of a batch, naming how many and why', async () => {
    const { client } = fakeSqs(['1', '2']);
    const sending = createSqsQueue(client, FEEDS, ALERTS).sendFeeds(['a', 'b', 'c']);
    await expect(sending).rejects.toThrow(QueueError);
    await expect(sending).rejects.toThrow('2 of 3 messages not queued: InternalError try again');
  });
});

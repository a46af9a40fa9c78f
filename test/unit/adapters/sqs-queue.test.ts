import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createSqsQueue, QueueError } from '../../../lambdas/adapters/sqs/queue.ts';
import type { QueuedItem } from '../../../lambdas/core/model.ts';

const FEEDS = 'https://sqs.eu-west-1.amazonaws.com/1/feeds';
const ALERTS = 'https://sqs.eu-west-1.amazonaws.com/1/alerts';
const ITEMS = 'https://sqs.eu-west-1.amazonaws.com/1/items.fifo';

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
    await createSqsQueue(client, { feeds: FEEDS, items: ITEMS, alerts: ALERTS }).sendFeeds(ids);
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
    await createSqsQueue(client, { feeds: FEEDS, items: ITEMS, alerts: ALERTS }).sendAlerts(keys);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.QueueUrl).toBe(ALERTS);
    expect(batches[0]?.Entries?.map((e) => JSON.parse(e.MessageBody ?? ''))).toEqual(keys);
  });

  it('sends items to the FIFO queue in one message group, in order, deduplicated by content', async () => {
    const { batches, client } = fakeSqs();
    const item = (id: string, text: string): QueuedItem => ({
      id,
      feedId: 'f',
      title: id,
      text,
      textLength: text.length,
      categories: [],
      firstSeen: '2026-11-10T10:00:00.000Z',
      outlet: 'Herald',
      contentHash: `h-${id}`,
    });
    // Three of 100 KB: SQS takes 256 KB a batch, so two batches, whatever the count.
    const items = ['a', 'b', 'c'].map((id) => item(id, id.repeat(100_000)));
    await createSqsQueue(client, { feeds: FEEDS, items: ITEMS, alerts: ALERTS }).sendItems(items);
    expect(batches.map((b) => [b.QueueUrl, b.Entries?.length])).toEqual([
      [ITEMS, 2],
      [ITEMS, 1],
    ]);
    const entries = batches.flatMap((b) => b.Entries ?? []);
    expect(entries.map((e) => (JSON.parse(e.MessageBody ?? '') as QueuedItem).id)).toEqual(['a', 'b', 'c']);
    expect(new Set(entries.map((e) => e.MessageGroupId))).toEqual(new Set(['stories']));
    expect(new Set(entries.map((e) => e.MessageDeduplicationId)).size).toBe(3);
  });

  it('sends nothing for nothing', async () => {
    const { batches, client } = fakeSqs();
    await createSqsQueue(client, { feeds: FEEDS, items: ITEMS, alerts: ALERTS }).sendFeeds([]);
    expect(batches).toEqual([]);
  });

  it('fails when SQS refuses part of a batch, naming how many and why', async () => {
    const { client } = fakeSqs(['1', '2']);
    const sending = createSqsQueue(client, { feeds: FEEDS, items: ITEMS, alerts: ALERTS }).sendFeeds([
      'a',
      'b',
      'c',
    ]);
    await expect(sending).rejects.toThrow(QueueError);
    await expect(sending).rejects.toThrow('2 of 3 messages not queued: InternalError try again');
  });
});

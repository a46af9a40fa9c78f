/**
 * The fetcher at its seam: an SQS batch in, a partial batch response out, as Lambda invokes it.
 * DynamoDB is dynalite; the web is a fake HTTP client serving one feed.
 */
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { followUpsOf } from '../../../lambdas/core/config/follow-ups.ts';
import { parseConfig } from '../../../lambdas/core/config/load.ts';
import type { QueuedItem } from '../../../lambdas/core/model.ts';
import type { HttpClient } from '../../../lambdas/core/ports.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { createFetcherHandler, UnknownFeedError } from '../../../lambdas/handlers/fetcher.ts';
import { MalformedInputError } from '../../../lambdas/handlers/input.ts';
import type { Container } from '../../../lambdas/runtime/container.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../../support/dynamodb.ts';
import { failedIds, lambdaContext, sqsEvent } from '../../support/sqs.ts';
import { capturedStdout } from '../../support/stdout.ts';

const config = parseConfig(
  `
feeds:
  - { id: herald, url: 'https://herald.example/feed.xml', outlet: Harbour Herald }
topics:
  - { name: Larkspur, query: 'Larkspur AND terminal', recipients: [desk@example.com] }
alerts: { from: newswatch@example.com }
fetch: { contactUrl: 'https://example.com/contact' }
`,
  'fetcher.test.yaml',
);

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Herald</title>
<item><guid>h1</guid><link>https://herald.example/h1</link><pubDate>Tue, 10 Nov 2026 09:30:00 GMT</pubDate>
<title>Port authority approves Larkspur terminal expansion</title>
<description>The Calder Bay Port Authority voted to expand the Larkspur container terminal.</description></item>
</channel></rss>`;

const http: HttpClient = {
  get: async (url) => ({
    status: 200,
    url,
    headers: { 'content-type': 'application/rss+xml' },
    body: new TextEncoder().encode(RSS),
  }),
};

describe('fetcher handler', () => {
  let target: DynamoTarget;
  let container: Container;
  const itemsQueued: QueuedItem[] = [];

  beforeAll(async () => {
    target = await startDynalite();
    const { doc, tableName } = await createTestTable(target.endpoint);
    const clock = { now: () => new Date('2026-11-10T10:00:00.000Z') };
    container = {
      config,
      store: createDynamoStore(doc, tableName),
      archive: { put: async (kind) => `${kind}/key` },
      mailer: {
        send: async () => {
          throw new Error('the fetcher sends no mail');
        },
      },
      http,
      topics: compileTopics({ topics: config.topics }),
      clock,
      queue: {
        sendFeeds: async () => {},
        sendItems: async (items) => void itemsQueued.push(...items),
        sendAlerts: async () => {},
      },
      followUps: followUpsOf(config),
    };
  });
  afterAll(async () => target?.stop());
  const stdout = capturedStdout();

  const handler = () => createFetcherHandler(async () => container);

  it('fetches a known feed and queues its new item for the story stage, once', async () => {
    const out = await handler()(sqsEvent([{ feedId: 'herald' }]), lambdaContext());
    expect(out.batchItemFailures).toEqual([]);
    expect(itemsQueued.map((i) => i.title)).toEqual(['Port authority approves Larkspur terminal expansion']);
    // The feed's state was recorded after its items were queued: the same body again adds nothing.
    await handler()(sqsEvent([{ feedId: 'herald' }]), lambdaContext());
    expect(itemsQueued).toHaveLength(1);
  });

  it('fails only the records it cannot handle: an unknown feed, a malformed body', async () => {
    const out = await handler()(
      sqsEvent([{ feedId: 'herald' }, { feedId: 'gazette' }, 'not json', { feed: 'herald' }]),
      lambdaContext(),
    );
    expect(failedIds(out)).toEqual(['msg-1', 'msg-2', 'msg-3']);
  });

  it('throws when every record failed, so that Lambda returns the whole batch to SQS', async () => {
    const error = await handler()(sqsEvent([{ feedId: 'gazette' }, '{}']), lambdaContext()).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(FullBatchFailureError);
    // Records are handled concurrently: their errors come in the order they failed.
    const { recordErrors } = error as FullBatchFailureError;
    expect(recordErrors).toHaveLength(2);
    expect(recordErrors).toEqual(
      expect.arrayContaining([expect.any(UnknownFeedError), expect.any(MalformedInputError)]),
    );
  });

  it("logs with the invocation's request id", async () => {
    await handler()(sqsEvent([{ feedId: 'herald' }]), lambdaContext('req-fetch-7', 'newswatch-fetcher'));
    const done = stdout
      .lines()
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'feed done');
    expect(done).toMatchObject({ function_request_id: 'req-fetch-7', function_name: 'newswatch-fetcher' });
  });
});

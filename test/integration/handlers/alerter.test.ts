/**
 * The alerter at its seam: an SQS batch of outbox keys in, a partial batch response out, as Lambda
 * invokes it. DynamoDB is dynalite; SES is a fake mailer that can be made to fail.
 */
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { followUpsOf } from '../../../lambdas/core/config/follow-ups.ts';
import { parseConfig } from '../../../lambdas/core/config/load.ts';
import type { AlertKey } from '../../../lambdas/core/model.ts';
import type { EmailMessage, Store } from '../../../lambdas/core/ports.ts';
import { AlertRetryError, createAlerterHandler } from '../../../lambdas/handlers/alerter.ts';
import { MalformedInputError } from '../../../lambdas/handlers/input.ts';
import { testArticle } from '../../support/articles.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../../support/dynamodb.ts';
import { testPipeline } from '../../support/pipeline.ts';
import { failedIds, lambdaContext, sqsEvent } from '../../support/sqs.ts';
import { capturedStdout } from '../../support/stdout.ts';

const config = parseConfig(
  `
feeds:
  - { id: herald, url: 'https://herald.example/feed.xml' }
topics:
  - { name: Larkspur, query: 'Larkspur', recipients: [desk@example.com] }
  - { name: Osei, query: 'Osei', recipients: [desk@example.com] }
alerts: { from: newswatch@example.com }
fetch: { contactUrl: 'https://example.com/contact' }
`,
  'alerter.test.yaml',
);

describe('alerter handler', () => {
  let target: DynamoTarget;
  let store: Store;
  const clock = { now: () => new Date('2026-11-10T10:00:00.000Z') };
  const sent: EmailMessage[] = [];
  let mailerDown = false;
  const keys: AlertKey[] = [];

  beforeAll(async () => {
    target = await startDynalite();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    const pipeline = testPipeline(store, { topics: config.topics, clock });
    // Two stories, one alert each: one for the batch that sends, one for the batch that fails.
    const { report } = await pipeline.ingest([
      testArticle('a1', 'Herald', 'Larkspur terminal expansion approved', clock.now()),
      testArticle('a2', 'Herald', 'Miriam Osei re-elected chair of the port board', clock.now()),
    ]);
    keys.push(...report.alertsQueued);
  });
  afterAll(async () => target?.stop());
  const stdout = capturedStdout();
  afterEach(() => {
    mailerDown = false;
  });

  const handler = () =>
    createAlerterHandler(async () => ({
      config,
      store,
      clock,
      followUps: followUpsOf(config),
      mailer: {
        send: async (message) => {
          if (mailerDown) throw new Error('SES throttled the request');
          sent.push(message);
          return { messageId: `m-${sent.length}` };
        },
      },
    }));

  it('sends the alert a key names, and fails only the malformed records of the batch', async () => {
    const [larkspur] = keys.filter((k) => k.topic === 'Larkspur');
    const out = await handler()(
      sqsEvent([larkspur, 'not json', { storyId: 's1' }, { storyId: 'unknown', topic: 'Larkspur' }]),
      lambdaContext(),
    );
    expect(failedIds(out)).toEqual(['msg-1', 'msg-2']);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringContaining('Larkspur')]);
  });

  it('throws when every record failed, so that Lambda returns the whole batch to SQS', async () => {
    mailerDown = true;
    const [osei] = keys.filter((k) => k.topic === 'Osei');
    const error = await handler()(sqsEvent([osei, '[]']), lambdaContext()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FullBatchFailureError);
    // Records are handled concurrently: their errors come in the order they failed.
    const { recordErrors } = error as FullBatchFailureError;
    expect(recordErrors).toHaveLength(2);
    expect(recordErrors).toEqual(
      expect.arrayContaining([expect.any(AlertRetryError), expect.any(MalformedInputError)]),
    );
    expect(await store.getAlert(osei as AlertKey)).toMatchObject({ status: 'pending' });
  });

  it("logs with the invocation's request id", async () => {
    const [osei] = keys.filter((k) => k.topic === 'Osei');
    await handler()(sqsEvent([osei]), lambdaContext('req-alert-3', 'newswatch-alerter'));
    const logged = stdout
      .lines()
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'alert');
    expect(logged).toMatchObject({ outcome: 'sent', function_request_id: 'req-alert-3' });
  });
});

/**
 * Follow-ups through the real admission, story stage and delivery against DynamoDB and SES stand-ins: one more
 * email when a story first reaches the topic's outlet count, never two, whichever side sees it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { createSesClient } from '../../../lambdas/adapters/ses/client.ts';
import { createSesMailer } from '../../../lambdas/adapters/ses/mailer.ts';
import { type DeliveryDeps, deliverAlert, sweepPendingAlerts } from '../../../lambdas/core/alerts/deliver.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import type { Mailer, Store } from '../../../lambdas/core/ports.ts';
import { type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { type TestPipeline, testPipeline } from '../../support/pipeline.ts';

/** Three unrelated events, so each test's copies make a story of their own. */
const BODIES: Record<string, string> = {
  s1:
    'The Calder Bay Port Authority voted 7-2 on Tuesday to approve a $480 million expansion of the Larkspur ' +
    'container terminal. "This is the largest investment in the harbour in forty years," chair Miriam Osei said. ' +
    'Construction is due to start in March and finish in 2029, adding two deep-water berths and six cranes.',
  s2:
    'A fire broke out overnight in a warehouse beside the Larkspur terminal, fire chief Tomas Brandt said on ' +
    'Friday. "Nobody was hurt, but 40 containers of textiles were lost," Brandt told reporters. Firefighters ' +
    'from Northgate and Ellery spent nine hours on the blaze; the cause is under investigation.',
  s3:
    'Dockworkers at the Larkspur terminal began a 48-hour strike on Monday over night-shift pay, union leader ' +
    'Aisha Karimi said. "We will not unload another ship at these rates," Karimi told a rally of 600 members. ' +
    'The operator, Brightwater Logistics, said talks with the union would resume on Thursday.',
};

function copy(story: string, outlet: string, hour: number): Article {
  const id = `${story}-${outlet.toLowerCase().replace(/\s+/g, '-')}`;
  return {
    id,
    feedId: outlet.toLowerCase().replace(/\s+/g, '-'),
    guid: id,
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}`,
    title: `${(BODIES[story] ?? '').split(' ').slice(0, 9).join(' ')} Larkspur terminal`,
    text: BODIES[story] ?? '',
    categories: [],
    published: `2026-11-10T0${hour}:00:00.000Z`,
    firstSeen: '2026-11-10T10:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
  };
}

interface StoredEmail {
  subject: string;
  body: { text?: string };
}

describe.each(dynamoTargets())('follow-up when a story reaches N outlets, on $name', ({ start }) => {
  /** Only the SES stand-in is used; the store and cluster index are on `target`. */
  let standIns: StandIns;
  let target: DynamoTarget;
  let store: Store;
  let pipeline: TestPipeline;
  let deliver: DeliveryDeps;

  const emails = async (): Promise<StoredEmail[]> =>
    ((await (await fetch(`${standIns.mailViewerUrl}store`)).json()) as { emails: StoredEmail[] }).emails;
  /** The alert keys the stage queued for this one copy. */
  const ingestItem = async (a: Article) => (await pipeline.ingest([a])).report.alertsQueued;

  beforeAll(async () => {
    standIns = await startStandIns();
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    const clock = { now: () => new Date('2026-11-10T10:00:00.000Z') };
    const followUps = new Map([['Larkspur', 3]]);
    pipeline = testPipeline(store, {
      topics: [{ name: 'Larkspur', query: 'Larkspur AND terminal', recipients: ['d@example.com'] }],
      clock,
      followUps,
    });
    const mailer = createSesMailer(createSesClient({ endpoints: standIns.endpoints }), 'nw@example.com');
    deliver = { store, mailer, clock, subjectPrefix: '[nw]', followUps };
  });
  afterAll(async () => {
    await Promise.all([standIns?.stop(), target?.stop()]);
  });
  beforeEach(async () => {
    await fetch(`${standIns.mailViewerUrl}clear-store`, { method: 'POST' });
  });

  it('sends one follow-up when the third outlet arrives after the first alert, however often it is retried', async () => {
    const [first] = await ingestItem(copy('s1', 'Harbour Herald', 1));
    await ingestItem(copy('s1', 'Northern Wire', 2));
    expect(first).toBeDefined();
    expect(await deliverAlert(first ?? { storyId: '', topic: '' }, deliver)).toBe('sent');

    const third = copy('s1', 'Coastal Daily', 3);
    const followUps = await ingestItem(third);
    expect(followUps).toEqual([{ storyId: first?.storyId, topic: 'Larkspur', outlets: 3 }]);
    // The same copy again (a retried feed), and a fourth outlet: no second follow-up.
    expect(await ingestItem(third)).toEqual([]);
    expect(await ingestItem(copy('s1', 'Metro Ledger', 4))).toEqual([]);

    const [key] = followUps;
    expect(await deliverAlert(key ?? first ?? { storyId: '', topic: '' }, deliver)).toBe('sent');
    expect(await deliverAlert(key ?? first ?? { storyId: '', topic: '' }, deliver)).toBe('skipped');
    expect((await sweepPendingAlerts(deliver)).sent).toEqual([]);

    const sent = await emails();
    const headline = 'The Calder Bay Port Authority voted 7-2 on Tuesday Larkspur terminal';
    expect(sent.map((e) => e.subject)).toEqual([
      `[nw] Larkspur: ${headline}`,
      `[nw] Larkspur (now 3+ outlets): ${headline}`,
    ]);
    expect(sent[1]?.body.text).toContain('Carried by 4 outlets so far');
  });

  it('sends the follow-up that a copy arriving while the first alert was being sent made owed', async () => {
    const [first] = await ingestItem(copy('s2', 'Harbour Herald', 1));
    await ingestItem(copy('s2', 'Northern Wire', 2));
    // The third copy is ingested while SES holds the first email: the fetcher sees it 'sending'.
    const racing: Mailer = {
      send: async (message) => {
        expect(await ingestItem(copy('s2', 'Coastal Daily', 3))).toEqual([]);
        return deliver.mailer.send(message);
      },
    };
    expect(await deliverAlert(first ?? { storyId: '', topic: '' }, { ...deliver, mailer: racing })).toBe(
      'sent',
    );
    const report = await sweepPendingAlerts(deliver);
    expect(report.sent).toEqual([{ storyId: first?.storyId, topic: 'Larkspur', outlets: 3 }]);
    expect((await emails()).map((e) => e.subject)).toHaveLength(2);
  });

  it('owes no follow-up when the first alert already named enough outlets', async () => {
    const [first] = await ingestItem(copy('s3', 'Harbour Herald', 1));
    await ingestItem(copy('s3', 'Northern Wire', 2));
    await ingestItem(copy('s3', 'Coastal Daily', 3));
    expect(await deliverAlert(first ?? { storyId: '', topic: '' }, deliver)).toBe('sent');
    expect(await ingestItem(copy('s3', 'Metro Ledger', 4))).toEqual([]);
    expect((await sweepPendingAlerts(deliver)).sent).toEqual([]);
    expect(await emails()).toHaveLength(1);
  });
});

import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { createSesClient } from '../../../lambdas/adapters/ses/client.ts';
import { createSesMailer } from '../../../lambdas/adapters/ses/mailer.ts';
import { deliverAlert, sweepPendingAlerts } from '../../../lambdas/core/alerts/deliver.ts';
import type { AlertIntent } from '../../../lambdas/core/model.ts';
import { type Mailer, SendError, type Store } from '../../../lambdas/core/ports.ts';
import { type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';

const clock = { now: () => new Date('2026-11-20T10:00:00.000Z') };

function intent(storyId: string, over: Partial<AlertIntent> = {}): AlertIntent {
  return {
    storyId,
    topic: 'Japan',
    recipients: ['desk@example.com'],
    mode: 'instant',
    dueAt: '2026-11-20T09:59:00.000Z',
    headline: `Story ${storyId} <b>`,
    outlet: 'Outlet',
    url: 'https://example.com/x',
    terms: ['japan'],
    snippet: 'Japan & friends',
    createdAt: '2026-11-20T09:59:00.000Z',
    status: 'pending',
    attempts: 0,
    ...over,
  };
}

interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { html?: string };
}

describe.each(dynamoTargets())('alert outbox against $name and the SES stand-in', ({ start }) => {
  /** Only the SES stand-in is used; the store is on `target`. */
  let standIns: StandIns;
  let target: DynamoTarget;
  let store: Store;
  let mailer: Mailer;

  const emails = async (): Promise<StoredEmail[]> =>
    ((await (await fetch(`${standIns.mailViewerUrl}store`)).json()) as { emails: StoredEmail[] }).emails;

  beforeAll(async () => {
    standIns = await startStandIns();
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    mailer = createSesMailer(createSesClient({ endpoints: standIns.endpoints }), 'newswatch@example.com');
  });
  afterAll(async () => {
    await Promise.all([standIns?.stop(), target?.stop()]);
  });
  beforeEach(async () => {
    await fetch(`${standIns.mailViewerUrl}clear-store`, { method: 'POST' });
  });

  it('sends an intent once, however many times delivery is attempted', async () => {
    await store.createAlertIntent(intent('a1'));
    const deps = { store, mailer, clock, subjectPrefix: '[nw]' };
    expect(await deliverAlert({ storyId: 'a1', topic: 'Japan' }, deps)).toBe('sent');
    expect(await deliverAlert({ storyId: 'a1', topic: 'Japan' }, deps)).toBe('skipped');
    expect((await sweepPendingAlerts(deps)).sent).toEqual([]);
    const sent = await emails();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to).toEqual(['desk@example.com']);
    expect(sent[0]?.subject).toBe('[nw] Japan: Story a1 <b>');
    expect(sent[0]?.body.html).toContain('Story a1 &#60;b&#62;');
    expect((await store.getAlert({ storyId: 'a1', topic: 'Japan' }))?.status).toBe('sent');
  });

  it('keeps an intent whose send failed and sends it on the next sweep', async () => {
    await store.createAlertIntent(intent('a2'));
    const failing: Mailer = {
      send: async () => {
        throw new Error('SES throttled');
      },
    };
    expect(
      await deliverAlert(
        { storyId: 'a2', topic: 'Japan' },
        { store, mailer: failing, clock, subjectPrefix: '' },
      ),
    ).toBe('retry');
    expect(await emails()).toHaveLength(0);
    const report = await sweepPendingAlerts({ store, mailer, clock, subjectPrefix: '[nw]' });
    expect(report.sent).toEqual([{ storyId: 'a2', topic: 'Japan' }]);
    expect(await emails()).toHaveLength(1);
  });

  it('parks an intent the mailer rejects permanently instead of retrying it forever', async () => {
    await store.createAlertIntent(intent('a3'));
    const rejecting: Mailer = {
      send: async () => {
        throw new SendError('address rejected', true);
      },
    };
    const deps = { store, mailer: rejecting, clock, subjectPrefix: '' };
    expect(await deliverAlert({ storyId: 'a3', topic: 'Japan' }, deps)).toBe('failed');
    expect((await store.getAlert({ storyId: 'a3', topic: 'Japan' }))?.lastError).toBe('address rejected');
    expect((await store.getAlert({ storyId: 'a3', topic: 'Japan' }))?.status).toBe('failed');
    expect((await store.listPendingAlerts(10)).map((a) => a.storyId)).not.toContain('a3');
  });

  it('does not send again when marking an accepted email as sent fails once', async () => {
    await store.createAlertIntent(intent('m1'));
    let failures = 1;
    const flaky: Store = {
      ...store,
      completeAlert: async (...args) => {
        if (failures-- > 0) throw new Error('DynamoDB throttled');
        return store.completeAlert(...args);
      },
    };
    const deps = { store: flaky, mailer, clock, subjectPrefix: '[nw]' };
    expect(await deliverAlert({ storyId: 'm1', topic: 'Japan' }, deps)).toBe('sent');
    expect((await sweepPendingAlerts(deps)).sent).toEqual([]);
    expect(await emails()).toHaveLength(1);
    expect((await store.getAlert({ storyId: 'm1', topic: 'Japan' }))?.status).toBe('sent');
  });

  it('never parks an email SES accepted as failed, however long the store refuses the mark', async () => {
    await store.createAlertIntent(intent('m2', { attempts: 9 }));
    const refusing: Store = {
      ...store,
      completeAlert: async () => {
        throw new Error('DynamoDB unavailable');
      },
    };
    const deps = { store: refusing, mailer, clock, subjectPrefix: '[nw]' };
    expect(await deliverAlert({ storyId: 'm2', topic: 'Japan' }, deps)).toBe('unmarked');
    expect((await store.getAlert({ storyId: 'm2', topic: 'Japan' }))?.status).toBe('sending');
    expect((await sweepPendingAlerts({ ...deps, store })).sent).toEqual([]);
    expect(await emails()).toHaveLength(1);
    // Settled here so that later tests' sweeps, hours on, do not find its claim expired.
    await store.completeAlert(
      { storyId: 'm2', topic: 'Japan' },
      { messageId: 'm2', sentAt: clock.now().toISOString(), outletsShown: 1 },
    );
  });

  it('sends on the next sweep what a sender that died holding the claim left', async () => {
    await store.createAlertIntent(intent('c1'));
    // A sender that claimed the intent and then hung or died: its send never comes back.
    const dead: Mailer = { send: () => new Promise(() => {}) };
    void deliverAlert({ storyId: 'c1', topic: 'Japan' }, { store, mailer: dead, clock, subjectPrefix: '' });
    await vi.waitFor(async () =>
      expect((await store.getAlert({ storyId: 'c1', topic: 'Japan' }))?.status).toBe('sending'),
    );
    const nextSweep = { now: () => new Date(clock.now().getTime() + 5 * 60_000) };
    const report = await sweepPendingAlerts({ store, mailer, clock: nextSweep, subjectPrefix: '[nw]' });
    expect(report.sent).toEqual([{ storyId: 'c1', topic: 'Japan' }]);
    expect(await emails()).toHaveLength(1);
  });

  it("parks an intent SES rejects for good, with SES's reason", async () => {
    await store.createAlertIntent(intent('p1'));
    const ses = {
      send: async () => {
        throw Object.assign(new Error('Email address is not verified: desk@example.com'), {
          name: 'MessageRejected',
        });
      },
    } as unknown as SESv2Client;
    const deps = {
      store,
      mailer: createSesMailer(ses, 'newswatch@example.com'),
      clock,
      subjectPrefix: '[nw]',
    };
    expect(await deliverAlert({ storyId: 'p1', topic: 'Japan' }, deps)).toBe('failed');
    const parked = await store.getAlert({ storyId: 'p1', topic: 'Japan' });
    expect(parked?.status).toBe('failed');
    expect(parked?.lastError).toContain('MessageRejected: Email address is not verified');
    expect(parked?.failedAt).toBe(clock.now().toISOString());
    expect((await sweepPendingAlerts({ ...deps, mailer })).sent).toEqual([]);
  });

  it('collects digest entries until they are due, then sends one email per topic and recipients', async () => {
    const digest = { mode: 'digest hourly' as const, dueAt: '2026-11-20T11:00:00.000Z' };
    await store.createAlertIntent(intent('d1', { ...digest, topic: 'Ports' }));
    await store.createAlertIntent(intent('d2', { ...digest, topic: 'Ports' }));
    await store.createAlertIntent(
      intent('d3', { ...digest, topic: 'Ports', recipients: ['other@example.com'] }),
    );
    const at = (iso: string) => ({
      store,
      mailer,
      clock: { now: () => new Date(iso) },
      subjectPrefix: '[nw]',
    });

    expect((await sweepPendingAlerts(at('2026-11-20T10:30:00.000Z'))).sent).toEqual([]);
    expect(await emails()).toHaveLength(0);

    const report = await sweepPendingAlerts(at('2026-11-20T11:00:00.000Z'));
    expect(report.sent.map((k) => k.storyId).sort()).toEqual(['d1', 'd2', 'd3']);
    const sent = await emails();
    expect(sent.map((e) => e.subject).sort()).toEqual([
      '[nw] Ports: 1 new story (hourly digest)',
      '[nw] Ports: 2 new stories (hourly digest)',
    ]);
    expect((await sweepPendingAlerts(at('2026-11-20T12:00:00.000Z'))).sent).toEqual([]);
  });

  // Last: the intents it leaves pending would be swept by the tests after it.
  it('retries a refusal the mail service calls temporary, and any other error', async () => {
    for (const [id, error] of [
      ['t1', new SendError('throttled', false)],
      ['t2', Object.assign(new Error('socket hang up'), { permanent: true })],
    ] as const) {
      await store.createAlertIntent(intent(id));
      const refusing: Mailer = {
        send: async () => {
          throw error;
        },
      };
      const deps = { store, mailer: refusing, clock, subjectPrefix: '' };
      expect(await deliverAlert({ storyId: id, topic: 'Japan' }, deps)).toBe('retry');
    }
  });
});

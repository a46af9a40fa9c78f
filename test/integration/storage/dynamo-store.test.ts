import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store.ts';
import type { AlertIntent, Article } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';

function article(id: string, over: Partial<Article> = {}): Article {
  return {
    id,
    feedId: 'feed-a',
    url: `https://example.com/${id}`,
    title: `Title ${id}`,
    text: `Text of ${id}`,
    categories: [],
    firstSeen: '2026-11-20T10:00:00.000Z',
    outlet: 'Outlet A',
    contentHash: `hash-${id}`,
    ...over,
  };
}

function intent(storyId: string, topic: string): AlertIntent {
  return {
    storyId,
    topic,
    recipients: ['desk@example.com'],
    mode: 'instant',
    dueAt: '2026-11-20T09:59:00.000Z',
    headline: 'Headline',
    outlet: 'Outlet A',
    terms: ['japan'],
    snippet: 'snippet',
    createdAt: '2026-11-20T10:00:00.000Z',
    status: 'pending',
    attempts: 0,
  };
}

describe.each(dynamoTargets())('DynamoDB store on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
  });
  afterAll(async () => target?.stop());

  it('keeps feed health records and lists them', async () => {
    await store.putFeedState({
      feedId: 'f1',
      url: 'https://a.example/feed',
      consecutiveFailures: 0,
      etag: '"x"',
    });
    await store.putFeedState({
      feedId: 'f2',
      url: 'https://b.example/feed',
      consecutiveFailures: 3,
      lastErrorKind: 'timeout',
    });
    expect((await store.getFeedState('f1'))?.etag).toBe('"x"');
    expect((await store.listFeedStates()).map((s) => s.feedId).sort()).toEqual(['f1', 'f2']);
    expect(await store.getFeedState('missing')).toBeUndefined();
  });

  it('stores an item once, updates an edit, and finds it by URL', async () => {
    expect(await store.putItem(article('i1'))).toBe('created');
    expect(await store.putItem(article('i1'))).toBe('unchanged');
    expect(await store.putItem(article('i1', { title: 'Edited', contentHash: 'hash-2' }))).toBe('updated');
    expect((await store.getItem('i1'))?.title).toBe('Edited');
    expect(await store.findItemIdByUrl('https://example.com/i1')).toBe('i1');
    expect(await store.findItemIdByUrl('https://example.com/none')).toBeUndefined();
  });

  it('counts each member and outlet of a story once, however often it is retried', async () => {
    await store.upsertStory('s1', article('m1', { published: '2026-11-20T09:00:00.000Z' }));
    await store.upsertStory('s1', article('m1', { published: '2026-11-20T09:00:00.000Z' }));
    const grown = await store.upsertStory(
      's1',
      article('m2', { outlet: 'Outlet B', title: 'Earlier copy', published: '2026-11-20T08:00:00.000Z' }),
    );
    expect(grown.memberCount).toBe(2);
    expect(grown.outlets).toEqual(['Outlet A', 'Outlet B']);
    expect(grown.outletCount).toBe(2);
    // The earliest published copy names the first outlet and the headline.
    expect(grown.firstOutlet).toBe('Outlet B');
    expect(grown.headline).toBe('Earlier copy');
    const listed = await store.listStories({ since: '2026-11-19T00:00:00.000Z' });
    expect(listed.map((s) => s.id)).toContain('s1');
  });

  it('records memberships under the item and lists them by story', async () => {
    const m = {
      storyId: 's9',
      itemId: 'x1',
      isNew: true,
      method: 'new',
      score: 1,
      evidence: { terms: ['a'] },
    };
    await store.putMembership(m);
    await store.putMembership({ ...m, itemId: 'x2', isNew: false, method: 'similar', score: 0.7 });
    expect((await store.getMembership('x1'))?.storyId).toBe('s9');
    expect((await store.listMemberships('s9')).map((x) => x.itemId).sort()).toEqual(['x1', 'x2']);
  });

  it('keeps one match per story, topic and item', async () => {
    const match = {
      storyId: 's2',
      itemId: 'i2',
      topic: 'Japan',
      terms: ['japan'],
      fields: ['title'],
      snippet: 's',
      matchedAt: '2026-11-20T10:00:00.000Z',
    };
    await store.putTopicMatch(match);
    await store.putTopicMatch(match);
    expect(await store.listMatchesByStory('s2')).toHaveLength(1);
    expect(await store.listMatchesByTopic('Japan', {})).toHaveLength(1);
  });

  it('creates one alert intent per story and topic and lets one claimant send it', async () => {
    expect(await store.createAlertIntent(intent('s3', 'Japan'))).toBe(true);
    expect(await store.createAlertIntent(intent('s3', 'Japan'))).toBe(false);
    expect((await store.listPendingAlerts(10)).map((a) => a.storyId)).toContain('s3');

    const now = '2026-11-20T10:01:00.000Z';
    expect(await store.claimAlert({ storyId: 's3', topic: 'Japan' }, now, 60_000)).toBe(true);
    expect(await store.claimAlert({ storyId: 's3', topic: 'Japan' }, now, 60_000)).toBe(false);
    await store.completeAlert(
      { storyId: 's3', topic: 'Japan' },
      { messageId: 'm-1', sentAt: now, outletsShown: 1 },
    );
    expect((await store.getAlert({ storyId: 's3', topic: 'Japan' }))?.status).toBe('sent');
    expect((await store.listPendingAlerts(10)).map((a) => a.storyId)).not.toContain('s3');
    expect(
      await store.claimAlert({ storyId: 's3', topic: 'Japan' }, '2026-11-21T00:00:00.000Z', 60_000),
    ).toBe(false);
  });

  it('returns a failed send to the outbox and lets an expired lease be reclaimed', async () => {
    await store.createAlertIntent(intent('s4', 'Japan'));
    expect(
      await store.claimAlert({ storyId: 's4', topic: 'Japan' }, '2026-11-20T10:00:00.000Z', 60_000),
    ).toBe(true);
    // Lease still held one second later; expired after two minutes.
    expect(
      await store.claimAlert({ storyId: 's4', topic: 'Japan' }, '2026-11-20T10:00:01.000Z', 60_000),
    ).toBe(false);
    expect(
      await store.claimAlert({ storyId: 's4', topic: 'Japan' }, '2026-11-20T10:02:00.000Z', 60_000),
    ).toBe(true);
    const at = '2026-11-20T10:02:01.000Z';
    await store.failAlert({ storyId: 's4', topic: 'Japan' }, { error: 'throttled', permanent: false, at });
    const retried = await store.getAlert({ storyId: 's4', topic: 'Japan' });
    expect(retried?.status).toBe('pending');
    expect(retried?.attempts).toBe(2);
    await store.failAlert({ storyId: 's4', topic: 'Japan' }, { error: 'rejected', permanent: true, at });
    expect((await store.getAlert({ storyId: 's4', topic: 'Japan' }))?.status).toBe('failed');
    expect((await store.listPendingAlerts(10)).map((a) => a.storyId)).not.toContain('s4');
  });
});

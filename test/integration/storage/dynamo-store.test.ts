import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { AlertIntent, Article, StoredItem } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { recordsBuilder } from '../../support/records.ts';

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

  it('keeps parked items whole, once each, until they are unparked', async () => {
    const item = { ...article('poison', { text: 'x'.repeat(50_000) }), textLength: 50_000 };
    const parked = {
      item,
      reason: 'the story stage could not assign it',
      error: 'RangeError: bad',
      parkedAt: '2026-11-20T10:00:00.000Z',
    };
    await store.parkItem(parked);
    await store.parkItem(parked);
    await store.parkItem({ ...parked, item: { ...item, id: 'other' } });
    expect((await store.listParked()).map((p) => p.item.id).sort()).toEqual(['other', 'poison']);
    expect((await store.listParked()).find((p) => p.item.id === 'poison')).toEqual(parked);
    await store.unparkItem('poison');
    await store.unparkItem('other');
    expect(await store.listParked()).toEqual([]);
  });

  it('lets the first claim of a URL win, its holder claim it again, and names the holder to others', async () => {
    const url = 'https://example.com/claimed';
    expect(await store.claimUrl(url, 'i1')).toBe('i1');
    // A fetcher that died after claiming retries the same item.
    expect(await store.claimUrl(url, 'i1')).toBe('i1');
    // A GUID change or a second feed of the same site: the article already has an item.
    expect(await store.claimUrl(url, 'i2')).toBe('i1');
    expect(await store.claimUrl('https://example.com/other', 'i2')).toBe('i2');
  });

  it('edits an item in place, keeping its story and topics', async () => {
    const records = recordsBuilder('2026-11-20T10:00:00.000Z')
      .add('e1', article('ed1'), { method: 'new', score: 0.5, evidence: { note: 'first' } })
      .records();
    const [first] = records.items as [StoredItem];
    await store.putStageRecords({
      ...records,
      items: [{ ...first, topics: [{ topic: 'Japan', terms: ['japan'] }] }],
    });
    await store.editItem({
      id: 'ed1',
      title: 'Edited title',
      summary: 'Edited summary',
      contentHash: 'hash-edited',
      textKey: 'text/abc',
      textLength: 123,
    });
    const edited = await store.getItem('ed1');
    expect(edited).toMatchObject({
      id: 'ed1',
      title: 'Edited title',
      summary: 'Edited summary',
      contentHash: 'hash-edited',
      textKey: 'text/abc',
      textLength: 123,
      outlet: 'Outlet A',
      membership: first.membership,
      topics: [{ topic: 'Japan', terms: ['japan'] }],
    });
    expect(edited).not.toHaveProperty('editedAt');
    expect((await store.getMembership('ed1'))?.storyId).toBe('e1');
    // Only a stored item can be edited: an edit never creates one without a story.
    await expect(
      store.editItem({ id: 'never-stored', title: 't', contentHash: 'h', textLength: 1 }),
    ).rejects.toThrow();
    expect(await store.getItem('never-stored')).toBeUndefined();
  });

  it('reads back the records the stage wrote, and writing them again changes nothing', async () => {
    const builder = recordsBuilder('2026-11-20T11:00:00.000Z')
      .add('s1', article('m1', { published: '2026-11-20T09:00:00.000Z' }))
      .add(
        's1',
        article('m2', { outlet: 'Outlet B', title: 'Earlier copy', published: '2026-11-20T08:00:00.000Z' }),
        {
          method: 'similar',
          score: 0.7,
          evidence: { matchedItemId: 'm1', terms: ['a'] },
        },
      )
      .add('s0', article('m3', { outlet: 'Outlet C', firstSeen: '2026-11-20T09:30:00.000Z' }))
      .merge('s0', 's1')
      .match({
        storyId: 's1',
        itemId: 'm2',
        topic: 'Japan',
        terms: ['japan'],
        fields: ['title'],
        snippet: 's',
        matchedAt: '2026-11-20T11:00:00.000Z',
      });
    const records = builder.records();
    await store.putStageRecords(records);
    await store.putStageRecords(records);

    for (const item of records.items) {
      expect(await store.getItem(item.id)).toEqual(item);
      expect(await store.getMembership(item.id)).toEqual(item.membership);
    }
    expect(await store.getItem('missing')).toBeUndefined();
    expect(await store.getMembership('missing')).toBeUndefined();
    const members = (await store.listStoryItems('s1')).map((i) => i.membership);
    expect(members.map((m) => m.itemId).sort()).toEqual(['m1', 'm2']);
    expect(members.find((m) => m.itemId === 'm2')).toEqual(records.items[1]?.membership);
    // Search reads a story's items whole, by the same index query, as getItem returns them.
    const storyItems = await store.listStoryItems('s1');
    expect(storyItems.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      records.items.filter((i) => i.membership.storyId === 's1').sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await store.listStoryItems('missing')).toEqual([]);

    const s1 = await store.getStory('s1');
    expect(s1).toEqual(builder.story('s1'));
    expect(s1).toMatchObject({
      memberCount: 2,
      outlets: ['Outlet A', 'Outlet B'],
      outletCount: 2,
      // The earliest published copy names the first outlet and the headline.
      firstOutlet: 'Outlet B',
      headline: 'Earlier copy',
      mergedFrom: ['s0'],
    });
    expect(await store.getStory('s0')).toMatchObject({ mergedInto: 's1', memberCount: 1 });
    const listed = await store.listStories({ since: '2026-11-19T00:00:00.000Z' });
    // Once each, though written twice.
    expect(
      listed
        .map((s) => s.id)
        .filter((id) => id === 's0' || id === 's1')
        .sort(),
    ).toEqual(['s0', 's1']);

    expect(await store.listMatchesByStory('s1')).toEqual(records.matches);
    expect(await store.listMatchesByTopic('Japan', {})).toEqual(records.matches);
    expect(await store.listMatchesByTopic('Japan', { since: '2026-11-20T12:00:00.000Z' })).toEqual([]);
  });

  it('writes more records than one batch write holds', async () => {
    const builder = recordsBuilder('2026-11-20T12:00:00.000Z');
    for (let i = 0; i < 40; i++) builder.add('big', article(`b${i}`, { outlet: `Outlet ${i % 7}` }));
    for (let i = 0; i < 12; i++)
      builder.match({
        storyId: 'big',
        itemId: `b${i}`,
        topic: `Topic ${i}`,
        terms: ['t'],
        fields: ['title'],
        snippet: 's',
        matchedAt: '2026-11-20T12:00:00.000Z',
      });
    const records = builder.records();
    // 40 items, one story and 12 matches: three batch writes.
    await store.putStageRecords(records);
    expect(await store.listStoryItems('big')).toHaveLength(40);
    expect(await store.getItem('b39')).toEqual(records.items[39]);
    expect(await store.getStory('big')).toMatchObject({ memberCount: 40, outletCount: 7 });
    expect(await store.listMatchesByStory('big')).toHaveLength(12);
    expect(await store.listMatchesByTopic('Topic 11', {})).toHaveLength(1);
  });

  it('ends default story listings at the clock it is given', async () => {
    const { doc, tableName } = await createTestTable(target.endpoint);
    const clocked = createDynamoStore(doc, tableName, { now: () => new Date('2026-11-21T08:00:00.000Z') });
    await clocked.putStageRecords(
      recordsBuilder('2026-11-21T08:00:00.000Z')
        .add('c1', article('c1'))
        // Eleven days before the clock: outside the default seven-day listing.
        .add('c2', article('c2', { firstSeen: '2026-11-10T10:00:00.000Z' }))
        .records(),
    );
    expect((await clocked.listStories({})).map((s) => s.id)).toEqual(['c1']);
    expect((await clocked.listStories({ since: '2026-11-01T00:00:00.000Z' })).map((s) => s.id)).toEqual([
      'c1',
      'c2',
    ]);
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

/**
 * A merge the clusterer finds, as the story stage records it against a real DynamoDB stand-in:
 * one story to read, every member under it, and no second alert for a topic the merged-away
 * story had already alerted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { listStories, storyDetail } from '../../../lambdas/core/query/queries.ts';
import { testArticle } from '../../support/articles.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { type TestPipeline, testPipeline } from '../../support/pipeline.ts';

const START = Date.parse('2026-11-10T10:00:00.000Z');

/** Two reports of one concert mishap that share no word, then two with the words of both. */
const article = (id: string, outlet: string, title: string, minute: number): Article =>
  testArticle(id, outlet, title, new Date(START + minute * 60_000), {
    guid: id,
    url: `https://${outlet.toLowerCase()}.example/${id}`,
    // Headlines only, so the shared words decide (as in test/unit/clustering/merge.test.ts).
    text: '',
  });
const FIRST = article('a', 'Herald', 'Miley Cyrus performs in her underwear', 0);
const SECOND = article('b', 'Courier', 'Costume change mishap at Milwaukee concert', 1);
const BRIDGE = article(
  'c',
  'Gazette',
  'Miley Cyrus in underwear after costume change mishap at Milwaukee concert',
  2,
);
const CONFIRM = article(
  'e',
  'Tribune',
  'Costume change mishap leaves Miley Cyrus in underwear at Milwaukee concert',
  3,
);

describe.each(dynamoTargets())('the story stage merging two stories on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;
  let pipeline: TestPipeline;
  let ids: { first: string; second: string };

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    pipeline = testPipeline(store, {
      topics: [{ name: 'Concert', query: 'concert', recipients: ['desk@example.com'] }],
      clock: { now: () => new Date('2026-11-10T10:10:00.000Z') },
    });
    // One item per batch, as a quiet FIFO queue delivers them.
    const [first] = (await pipeline.ingest([FIRST])).report.assigned;
    const [second] = (await pipeline.ingest([SECOND])).report.assigned;
    ids = { first: first?.story.id ?? '', second: second?.story.id ?? '' };
    await pipeline.ingest([BRIDGE]);
    await pipeline.ingest([CONFIRM]);
  });
  afterAll(async () => target?.stop());

  it('lists one story with the outlets and members of both', async () => {
    expect(ids.first).not.toBe(ids.second);
    const stories = await listStories(store, { since: '2026-11-09T00:00:00.000Z' });
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({
      outlets: ['Courier', 'Gazette', 'Herald', 'Tribune'],
      outletCount: 4,
      memberCount: 4,
      firstOutlet: 'Herald',
      headline: 'Miley Cyrus performs in her underwear',
    });
  });

  it('answers for either id with the surviving story and every member', async () => {
    for (const id of [ids.first, ids.second]) {
      const detail = await storyDetail(store, id);
      expect(detail.members.map((m) => m.itemId).sort()).toEqual(['a', 'b', 'c', 'e']);
    }
  });

  it('does not alert a topic again that the merged-away story alerted', async () => {
    const pending = await store.listPendingAlerts(10);
    expect(pending.map((a) => `${a.storyId}/${a.topic}`)).toEqual([`${ids.second}/Concert`]);
    const { report } = await pipeline.ingest([
      article('d', 'Post', 'Milwaukee concert costume change mishap', 4),
    ]);
    expect(report.assigned[0]?.membership.isNew).toBe(false);
    expect(report.alertsQueued).toEqual([]);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
  });

  it('changes nothing when the bridging items are delivered again', async () => {
    const before = await listStories(store, { since: '2026-11-09T00:00:00.000Z' });
    const { report } = await pipeline.ingest([BRIDGE, CONFIRM]);
    expect(report.assigned).toEqual([]);
    expect(await listStories(store, { since: '2026-11-09T00:00:00.000Z' })).toEqual(before);
  });
});

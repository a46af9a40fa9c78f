/**
 * A merge the clusterer reports, as the pipeline records it against a real DynamoDB stand-in:
 * one story to read, every member and match under it, and no second alert for a topic the
 * merged-away story had already alerted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { StoryClusterer } from '../../../lambdas/core/clustering/index.ts';
import type { Membership } from '../../../lambdas/core/model.ts';
import { type IngestDeps, ingestItem } from '../../../lambdas/core/pipeline/ingest.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { listStories, storyDetail } from '../../../lambdas/core/query/queries.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { testArticle } from '../../support/articles.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';

const EARLIER = 'st_1';
const LATER = 'st_2';

/** Stands in for the clusterer: memberships as scripted, and the merge once the bridge arrives. */
function scriptedClusterer(script: Record<string, Omit<Membership, 'itemId'>>): StoryClusterer {
  const mergedInto = new Map<string, string>();
  return {
    async assign(input) {
      const m = script[input.id];
      if (!m) throw new Error(`no script for ${input.id}`);
      for (const absorbed of m.merged ?? []) mergedInto.set(absorbed, m.storyId);
      return { ...m, itemId: input.id };
    },
    async resolve(ids) {
      return new Map(ids.map((id) => [id, mergedInto.get(id) ?? id]));
    },
  };
}

const article = (id: string, outlet: string, title: string, minute: number) =>
  testArticle(id, outlet, title, `2026-11-10T10:0${minute}:00.000Z`, {
    guid: id,
    url: `https://${outlet.toLowerCase()}.example/${id}`,
  });

const joined = (storyId: string) => ({ storyId, isNew: false, method: 'similar', score: 0.5, evidence: {} });
const founded = (storyId: string) => ({ storyId, isNew: true, method: 'new', score: 0, evidence: {} });

describe.each(dynamoTargets)('ingesting an item that merges two stories on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;
  let deps: IngestDeps;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    deps = {
      store,
      clusterer: scriptedClusterer({
        a: founded(EARLIER),
        b: founded(LATER),
        c: { ...joined(EARLIER), merged: [LATER] },
        d: joined(EARLIER),
      }),
      topics: compileTopics({
        topics: [{ name: 'Concert', query: 'concert', recipients: ['desk@example.com'] }],
      }),
      clock: { now: () => new Date('2026-11-10T10:10:00.000Z') },
    };
    await ingestItem(article('a', 'Herald', 'Singer performs in costume', 1), deps);
    await ingestItem(article('b', 'Courier', 'Costume mishap at concert', 2), deps);
    await ingestItem(article('c', 'Gazette', 'Singer in costume mishap at concert', 3), deps);
  });
  afterAll(async () => target?.stop());

  it('lists one story with the outlets and members of both', async () => {
    const stories = await listStories(store, { since: '2026-11-09T00:00:00.000Z' });
    expect(stories.map((s) => s.id)).toEqual([EARLIER]);
    expect(stories[0]).toMatchObject({
      outlets: ['Courier', 'Gazette', 'Herald'],
      outletCount: 3,
      memberCount: 3,
      firstOutlet: 'Herald',
      headline: 'Singer performs in costume',
      mergedFrom: [LATER],
    });
  });

  it('answers for the merged-away id with the surviving story, members and matches included', async () => {
    const detail = await storyDetail(store, LATER);
    expect(detail.story.id).toBe(EARLIER);
    expect(detail.members.map((m) => m.itemId)).toEqual(['a', 'b', 'c']);
    expect(detail.matches.map((m) => m.itemId).sort()).toEqual(['b', 'c']);
  });

  it('does not alert a topic again that the merged-away story alerted', async () => {
    const pending = await store.listPendingAlerts(10);
    expect(pending.map((a) => `${a.storyId}/${a.topic}`)).toEqual([`${LATER}/Concert`]);
    const late = await ingestItem(article('d', 'Tribune', 'Concert costume mishap explained', 4), deps);
    expect(late.kind === 'new' && late.alertsQueued).toEqual([]);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
  });

  it('records a repeated merge once', async () => {
    await store.mergeStory(LATER, EARLIER);
    expect((await store.getStory(EARLIER))?.mergedFrom).toEqual([LATER]);
    expect((await store.getStory(LATER))?.mergedInto).toBe(EARLIER);
  });
});

/**
 * ingestItem against a real DynamoDB stand-in: a retried ingest (the SQS redelivery after a
 * crash) neither duplicates the item nor its alert, and copies of one story alert once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClusterIndex } from '../../../lambdas/adapters/dynamodb/cluster-index.ts';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { createClusterer } from '../../../lambdas/core/clustering/index.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import { type IngestDeps, ingestItem } from '../../../lambdas/core/pipeline/ingest.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';

const BODY =
  'The Calder Bay Port Authority voted 7-2 on Tuesday to approve a $480 million expansion of the Larkspur ' +
  'container terminal. "This is the largest investment in the harbour in forty years," chair Miriam Osei said. ' +
  'Construction is due to start in March and finish in 2029, adding two deep-water berths and six cranes.';

function copy(id: string, outlet: string, over: Partial<Article> = {}): Article {
  return {
    id,
    feedId: outlet.toLowerCase().replace(/\s+/g, '-'),
    guid: id,
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}`,
    title: 'Port authority approves Larkspur terminal expansion',
    text: BODY,
    categories: [],
    published: '2026-11-10T09:30:00.000Z',
    firstSeen: '2026-11-10T10:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
    ...over,
  };
}

describe.each(dynamoTargets)('ingestItem on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;
  let deps: IngestDeps;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    deps = {
      store,
      clusterer: createClusterer(createDynamoClusterIndex(doc, tableName)),
      topics: compileTopics({
        topics: [{ name: 'Larkspur', query: 'Larkspur AND terminal', recipients: ['d@example.com'] }],
      }),
      clock: { now: () => new Date('2026-11-10T10:00:00.000Z') },
    };
  });
  afterAll(async () => target?.stop());

  it('redoes a crashed ingest without a second item, member or alert', async () => {
    const item = copy('a1', 'Harbour Herald');
    let crash = true;
    const crashing: Store = {
      ...store,
      putItem: async (a) => {
        if (crash) {
          crash = false;
          throw new Error('Lambda timed out before the item was written');
        }
        return store.putItem(a);
      },
    };
    await expect(ingestItem(item, { ...deps, store: crashing })).rejects.toThrow('timed out');
    const retried = await ingestItem(item, { ...deps, store: crashing });
    expect(retried.kind).toBe('new');
    if (retried.kind !== 'new') return;
    expect(retried.alertsQueued).toEqual([]);
    expect(retried.story.memberCount).toBe(1);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
    expect((await ingestItem(item, deps)).kind).toBe('seen');
  });

  it('adds a syndicated copy to the story without a second alert', async () => {
    const outcome = await ingestItem(copy('b1', 'Northern Wire'), deps);
    expect(outcome.kind).toBe('new');
    if (outcome.kind !== 'new') return;
    expect(outcome.membership.isNew).toBe(false);
    expect(outcome.story.outlets).toEqual(['Harbour Herald', 'Northern Wire']);
    expect(outcome.hits.map((h) => h.topic)).toEqual(['Larkspur']);
    expect(outcome.alertsQueued).toEqual([]);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
  });

  it('updates an edited item in place and does not alert again', async () => {
    const edited = copy('a1', 'Harbour Herald', {
      title: 'Port authority approves Larkspur expansion (updated)',
      contentHash: 'h-a1-v2',
    });
    expect((await ingestItem(edited, deps)).kind).toBe('edited');
    expect((await store.getItem('a1'))?.title).toBe('Port authority approves Larkspur expansion (updated)');
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
  });

  it('keeps the stored full text when an edit arrives with only the feed summary', async () => {
    const summaryOnly = copy('a1', 'Harbour Herald', {
      text: 'The authority voted 7-2.',
      contentHash: 'h-a1-v3',
    });
    expect((await ingestItem(summaryOnly, deps)).kind).toBe('edited');
    expect((await store.getItem('a1'))?.text).toBe(BODY);
  });

  it('treats the same canonical URL under a new GUID as already seen', async () => {
    const republished = copy('a1-again', 'Harbour Herald', { url: 'https://harbourherald.example/a1' });
    expect((await ingestItem(republished, deps)).kind).toBe('seen');
  });
});

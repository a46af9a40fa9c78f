/**
 * An item's path (admission, then the story stage) against a real DynamoDB stand-in: a retried
 * or crashed ingest neither duplicates the item nor its alert, and copies of one story alert once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import { admitItem } from '../../../lambdas/core/pipeline/admit.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { createMemoryArchive, type TestPipeline, testPipeline } from '../../support/pipeline.ts';

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

const TOPICS = [{ name: 'Larkspur', query: 'Larkspur AND terminal', recipients: ['d@example.com'] }];
const clock = { now: () => new Date('2026-11-10T10:00:00.000Z') };

describe.each(dynamoTargets())('ingest on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName, clock);
    pipeline = testPipeline(store, { topics: TOPICS, clock });
  });
  afterAll(async () => target?.stop());

  it('pays a batch the stage journalled but did not write, without a second item or alert', async () => {
    let crash = true;
    const crashing: Store = {
      ...store,
      putStageRecords: async (records) => {
        if (crash) {
          crash = false;
          throw new Error('Lambda timed out before the records were written');
        }
        return store.putStageRecords(records);
      },
    };
    const flaky = testPipeline(crashing, { topics: TOPICS, clock, journal: pipeline.journal });
    await expect(flaky.ingest([copy('a1', 'Harbour Herald')])).rejects.toThrow('timed out');
    expect(await store.getItem('a1')).toBeUndefined();
    // The redelivery finds the item decided and the debt paid first.
    const { report } = await flaky.ingest([copy('a1', 'Harbour Herald')]);
    expect(report.repeated).toEqual(['a1']);
    expect((await store.getItem('a1'))?.membership.isNew).toBe(true);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
    // A stage started afresh on the same journal (a cold start) decides nothing again either.
    const cold = testPipeline(store, { topics: TOPICS, clock, journal: pipeline.journal });
    const again = await cold.stage.process([{ ...copy('a1', 'Harbour Herald'), textLength: BODY.length }]);
    expect(again.assigned).toEqual([]);
    pipeline = cold;
  });

  it('adds a syndicated copy to the story without a second alert', async () => {
    const { report } = await pipeline.ingest([copy('b1', 'Northern Wire')]);
    const [b1] = report.assigned;
    expect(b1?.membership.isNew).toBe(false);
    expect(b1?.story.outlets).toEqual(['Harbour Herald', 'Northern Wire']);
    expect(b1?.hits.map((h) => h.topic)).toEqual(['Larkspur']);
    expect(report.alertsQueued).toEqual([]);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
    const story = await store.getStory(b1?.story.id ?? '');
    expect(story?.memberCount).toBe(2);
    expect((await store.listStoryItems(b1?.story.id ?? '')).map((i) => i.id).sort()).toEqual(['a1', 'b1']);
  });

  it('updates an edited item in place and does not alert again', async () => {
    const edited = copy('a1', 'Harbour Herald', {
      title: 'Port authority approves Larkspur expansion (updated)',
      contentHash: 'h-a1-v2',
    });
    const { admitted } = await pipeline.ingest([edited]);
    expect(admitted.map((a) => a.kind)).toEqual(['edited']);
    const stored = await store.getItem('a1');
    expect(stored?.title).toBe('Port authority approves Larkspur expansion (updated)');
    expect(stored?.membership.isNew).toBe(true);
    expect(await store.listPendingAlerts(10)).toHaveLength(1);
  });

  it('keeps the archived full text when an edit arrives with only the feed summary', async () => {
    const before = await store.getItem('a1');
    const summaryOnly = copy('a1', 'Harbour Herald', {
      text: 'The authority voted 7-2.',
      contentHash: 'h-a1-v3',
    });
    expect((await pipeline.ingest([summaryOnly])).admitted.map((a) => a.kind)).toEqual(['edited']);
    const after = await store.getItem('a1');
    expect(after?.textLength).toBe(BODY.length);
    expect(after?.textKey).toBe(before?.textKey);
    expect(after?.contentHash).toBe('h-a1-v3');
  });

  it('removes the summary when an edit comes without one, rather than storing null', async () => {
    await pipeline.ingest([copy('a1', 'Harbour Herald', { summary: 'A vote', contentHash: 'h-a1-v4' })]);
    expect((await store.getItem('a1'))?.summary).toBe('A vote');
    await pipeline.ingest([copy('a1', 'Harbour Herald', { contentHash: 'h-a1-v5' })]);
    expect(await store.getItem('a1')).not.toHaveProperty('summary');
  });

  it('treats the same canonical URL under a new GUID as already seen', async () => {
    const republished = copy('a1-again', 'Harbour Herald', { url: 'https://harbourherald.example/a1' });
    expect((await pipeline.ingest([republished])).admitted).toEqual([
      { kind: 'seen', itemId: 'a1-again', reason: 'same-url' },
    ]);
  });

  it('queues an item again when its fetcher died after claiming the URL', async () => {
    const item = copy('c1', 'Coastal Daily', { title: 'Larkspur terminal vote splits the harbour board' });
    // The first fetcher claimed the URL and died before queueing the item.
    expect(await store.claimUrl(item.url as string, 'c1')).toBe('c1');
    const outcome = await admitItem(item, { store, archive: createMemoryArchive() });
    expect(outcome.kind).toBe('queued');
  });
});

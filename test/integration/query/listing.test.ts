/**
 * Listings as readers get them, on a real DynamoDB stand-in: `limit` counts live stories (a story
 * merged into another is not one), and a topic's matches come one row per story, whatever case
 * the topic is asked for in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { listStories, NotFoundError, topicStories } from '../../../lambdas/core/query/queries.ts';
import { testArticle } from '../../support/articles.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { recordsBuilder } from '../../support/records.ts';

const HOUR = 3_600_000;
const base = Date.now() - 6 * HOUR;

const item = (id: string, outlet: string, title: string, hoursIn: number) =>
  testArticle(id, outlet, title, new Date(base + hoursIn * HOUR));

describe.each(dynamoTargets())('story and topic listings on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    // Three stories, oldest first; the newest turns out to be the oldest's event and is merged into it.
    const records = recordsBuilder()
      .add('oldest', item('a', 'Wire', 'Harbour deal signed', 0))
      .add('middle', item('b', 'Ledger', 'Court halts expansion', 1))
      .add('newest', item('c', 'Herald', 'Harbour deal is signed', 2))
      .merge('newest', 'oldest');
    for (const [storyId, itemId, terms] of [
      ['oldest', 'a', ['harbour']],
      ['newest', 'c', ['harbour', 'deal']],
      ['middle', 'b', ['expansion']],
    ] as const) {
      records.match({
        storyId,
        itemId,
        topic: 'Larkspur harbour',
        terms: [...terms],
        fields: ['title'],
        snippet: terms.join(' '),
        matchedAt: new Date(base + HOUR * (itemId === 'a' ? 3 : itemId === 'b' ? 4 : 5)).toISOString(),
      });
    }
    await store.putStageRecords(records.records());
  });
  afterAll(async () => target?.stop());

  it('applies the limit to live stories, after merged-away ones are left out', async () => {
    const listed = await listStories(store, { limit: 2 });
    expect(listed.map((s) => s.id)).toEqual(['middle', 'oldest']);
  });

  it("lists a topic's stories once each, with headline, outlets and every term, in any case", async () => {
    const { topic, stories } = await topicStories(
      store,
      'LARKSPUR HARBOUR',
      ['Larkspur harbour', 'Taiwan'],
      {},
    );
    expect(topic).toBe('Larkspur harbour');
    expect(stories.map((s) => [s.story.id, s.story.headline, s.story.outlets, s.terms])).toEqual([
      ['oldest', 'Harbour deal signed', ['Herald', 'Wire'], ['deal', 'harbour']],
      ['middle', 'Court halts expansion', ['Ledger'], ['expansion']],
    ]);
  });

  it('refuses a topic the configuration does not have, naming the ones it does', async () => {
    await expect(topicStories(store, 'Japan', ['Larkspur harbour', 'Taiwan'], {})).rejects.toThrow(
      new NotFoundError('no topic named "Japan"; topics: Larkspur harbour, Taiwan'),
    );
  });
});

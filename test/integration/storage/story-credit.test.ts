/**
 * A story's first reporter and headline on a real DynamoDB stand-in: the same copies in any
 * arrival order, one at a time, all at once and retried, end on the same answer (the rule in
 * lambdas/core/stories/credit.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store.ts';
import type { Article, Story } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { storyFamily } from '../../../lambdas/core/stories/family.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';

function copy(id: string, outlet: string, title: string, published?: string): Article {
  return {
    id,
    feedId: outlet.toLowerCase().replace(/\s+/g, '-'),
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}`,
    title,
    text: 'A regional court on Monday suspended the dredging permits for the Larkspur terminal.',
    categories: [],
    firstSeen: '2026-10-20T14:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
    ...(published ? { published } : {}),
  };
}

const COPIES = [
  copy(
    'ledger',
    'Metro Ledger',
    'Judge freezes Larkspur terminal plan, citing oyster beds',
    '2026-10-20T13:00:00.000Z',
  ),
  copy(
    'herald',
    'Harbour Herald',
    'Court halts Larkspur expansion over dredging permits',
    '2026-10-20T08:15:00.000Z',
  ),
  // Syndicated at the same minute as the Herald: the tie goes to the outlet that sorts first.
  copy('wire', 'Northern Wire', 'Larkspur expansion halted by court', '2026-10-20T08:15:00.000Z'),
  // Published first, but without a title: it is the first reporter, never the headline.
  copy('briefs', 'Bay Briefs', '', '2026-10-20T07:50:00.000Z'),
  // No date: ranks after every dated copy however early it was seen.
  {
    ...copy('aggregator', 'Calder Aggregator', 'Larkspur news roundup'),
    firstSeen: '2026-10-19T00:00:00.000Z',
  },
];

const EXPECTED = {
  firstOutlet: 'Bay Briefs',
  firstItemId: 'briefs',
  firstPublished: '2026-10-20T07:50:00.000Z',
  headline: 'Court halts Larkspur expansion over dredging permits',
};

/** Every rotation and its reverse: each copy arrives first and last, and every pair in both orders. */
function arrivalOrders<T>(items: readonly T[]): T[][] {
  const rotations = items.map((_, i) => [...items.slice(i), ...items.slice(0, i)]);
  return [...rotations, ...rotations.map((order) => [...order].reverse())];
}

const credit = (s: Story | undefined) =>
  s && {
    firstOutlet: s.firstOutlet,
    firstItemId: s.firstItemId,
    firstPublished: s.firstPublished,
    headline: s.headline,
  };

describe.each(dynamoTargets())('story credit on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
  });
  afterAll(async () => target?.stop());

  it('credits the same copy and headline whatever order the copies arrive in', async () => {
    const orders = arrivalOrders(COPIES);
    const outcomes = await Promise.all(
      orders.map(async (order, n) => {
        for (const item of order) await store.upsertStory(`seq-${n}`, item);
        return credit(await store.getStory(`seq-${n}`));
      }),
    );
    for (const outcome of outcomes) expect(outcome).toEqual(EXPECTED);
  });

  it('converges when fetchers write the copies concurrently and retry them', async () => {
    const orders = arrivalOrders(COPIES);
    const outcomes = await Promise.all(
      orders.map(async (order, n) => {
        await Promise.all(order.map((item) => store.upsertStory(`par-${n}`, item)));
        await Promise.all([...order].reverse().map((item) => store.upsertStory(`par-${n}`, item)));
        return store.getStory(`par-${n}`);
      }),
    );
    for (const story of outcomes) {
      expect(credit(story)).toEqual(EXPECTED);
      expect(story?.memberCount).toBe(COPIES.length);
    }
  });

  it('reads merged stories by the same rule: a dated report beats an earlier-seen undated one', async () => {
    const [, herald, , , aggregator] = COPIES as [Article, Article, Article, Article, Article];
    await store.upsertStory('survivor', aggregator);
    await store.upsertStory('absorbed', herald);
    await store.mergeStory('absorbed', 'survivor');
    const family = await storyFamily(store, 'absorbed');
    expect(family?.story.id).toBe('survivor');
    expect(credit(family?.story)).toEqual({
      firstOutlet: 'Harbour Herald',
      firstItemId: 'herald',
      firstPublished: '2026-10-20T08:15:00.000Z',
      headline: 'Court halts Larkspur expansion over dredging permits',
    });
  });
});

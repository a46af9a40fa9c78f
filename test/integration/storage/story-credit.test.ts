/**
 * A story's first reporter and headline on a real DynamoDB stand-in, through the fetcher's admission
 * and the story stage: the same copies in any arrival order, one at a time, in batches and
 * redelivered, end on the same answer (the rule in lambdas/core/stories/credit.ts, applied by
 * lambdas/core/stage/stories.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Article, QueuedItem, Story } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { storyFamily } from '../../../lambdas/core/stories/family.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { testPipeline } from '../../support/pipeline.ts';
import { recordsBuilder } from '../../support/records.ts';

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

const clock = { now: () => new Date('2026-10-20T14:05:00.000Z') };

/** The same copies under ids of their own, so each arrival order is a separate run in one table. */
const run = (n: string, order: readonly Article[]) =>
  order.map((c) => ({
    ...c,
    id: `${n}-${c.id}`,
    url: `${c.url}-${n}`,
    contentHash: `${c.contentHash}-${n}`,
  }));

/** The expected credit, named in run `n`'s ids. */
const expectedIn = (n: string) => ({ ...EXPECTED, firstItemId: `${n}-${EXPECTED.firstItemId}` });

/** Batches of `size` in arrival order: the stage decides within a batch, arrival decides across them. */
const batches = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

describe.each(dynamoTargets())('story credit on $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName, clock);
  });
  afterAll(async () => target?.stop());

  /** The story as readers get it: the family of the story the first reporter's copy was put in. */
  async function storyOf(itemId: string) {
    const membership = await store.getMembership(itemId);
    expect(membership, `${itemId} was assigned`).toBeDefined();
    return storyFamily(store, membership?.storyId as string);
  }

  /** Every copy's story, read as its family: all of them must be in the one the credit names. */
  async function familyIds(items: readonly Article[]) {
    const ids = new Set<string>();
    for (const item of items) ids.add((await storyOf(item.id))?.story.id as string);
    return ids;
  }

  it('credits the same copy and headline whatever order the copies arrive in, one at a time', async () => {
    for (const [n, order] of arrivalOrders(COPIES).entries()) {
      const copies = run(`seq${n}`, order);
      const pipeline = testPipeline(store, { clock });
      for (const item of copies) await pipeline.ingest([item]);
      const family = await storyOf(`seq${n}-briefs`);
      expect(credit(family?.story), `order ${order.map((c) => c.id).join(', ')}`).toEqual(
        expectedIn(`seq${n}`),
      );
      // Every dated copy is the same event: all are in the story credited.
      expect(await familyIds(copies.filter((c) => c.published))).toEqual(new Set([family?.story.id]));
    }
  });

  it('converges when copies arrive in several batches, and a redelivered batch changes nothing', async () => {
    for (const [n, order] of arrivalOrders(COPIES).entries()) {
      for (const size of [2, 3, COPIES.length]) {
        const id = `b${size}x${n}`;
        const copies = run(id, order);
        const pipeline = testPipeline(store, { clock });
        const queued: QueuedItem[] = [];
        for (const batch of batches(copies, size)) {
          const { admitted } = await pipeline.ingest(batch);
          queued.push(...admitted.flatMap((a) => (a.kind === 'queued' ? [a.item] : [])));
        }
        const family = await storyOf(`${id}-briefs`);
        expect(credit(family?.story), `${id}: ${order.map((c) => c.id).join(', ')}`).toEqual(expectedIn(id));
        const members = (await Promise.all((family?.ids ?? []).map((s) => store.listStoryItems(s)))).flat();
        expect(family?.story.memberCount).toBe(members.length);

        // A fetcher's retry admits nothing new; the queue redelivering the items decides nothing again.
        const retried = await pipeline.ingest([...copies].reverse());
        expect(retried.admitted.map((a) => a.kind)).toEqual(copies.map(() => 'seen'));
        const redelivered = await pipeline.stage.process([...queued].reverse());
        expect(redelivered.assigned).toEqual([]);
        const again = await storyOf(`${id}-briefs`);
        expect(credit(again?.story)).toEqual(expectedIn(id));
        expect(again?.story.memberCount).toBe(members.length);
      }
    }
  });

  it('reads merged stories by the same rule: a dated report beats an earlier-seen undated one', async () => {
    const [, herald, , , aggregator] = COPIES as [Article, Article, Article, Article, Article];
    await store.putStageRecords(
      recordsBuilder(clock.now().toISOString())
        .add('survivor', aggregator)
        .add('absorbed', herald)
        .merge('absorbed', 'survivor')
        .records(),
    );
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

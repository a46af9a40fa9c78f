/**
 * What `newswatch explain` and `GET /stories/{id}` say about a story's members, read from a real
 * DynamoDB stand-in: reports named by outlet and headline, in the order the story credits them,
 * with a reason in words for each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Article, Membership } from '../../../lambdas/core/model.ts';
import { type StoryDetail, storyDetail } from '../../../lambdas/core/query/queries.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { recordsBuilder } from '../../support/records.ts';

function report(id: string, outlet: string, title: string, published: string): Article {
  return {
    id,
    feedId: outlet.toLowerCase().replace(/\s+/g, '-'),
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}`,
    title,
    text: title,
    categories: [],
    published,
    firstSeen: '2026-10-20T14:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
  };
}

const LEDGER = report(
  'ledger',
  'Metro Ledger',
  'Judge freezes Larkspur terminal plan',
  '2026-10-20T13:00:00.000Z',
);
const HERALD = report(
  'herald',
  'Harbour Herald',
  'Court halts Larkspur expansion',
  '2026-10-20T08:15:00.000Z',
);
const WIRE = report('wire', 'Northern Wire', 'Court halts Larkspur expansion', '2026-10-20T09:00:00.000Z');
/** An earlier story the ledger report was compared with and did not join. */
const APPROVAL = report(
  'approval',
  'Harbour Herald',
  'Larkspur expansion approved',
  '2026-10-19T18:00:00.000Z',
);

const MEMBERSHIPS: Membership[] = [
  {
    storyId: 'court',
    itemId: 'ledger',
    isNew: true,
    method: 'new',
    score: 0.21,
    evidence: { matchedItemId: 'approval', note: 'nearest below threshold 0.42' },
  },
  {
    storyId: 'court',
    itemId: 'herald',
    isNew: false,
    method: 'similar',
    score: 0.633,
    evidence: { matchedItemId: 'ledger', entities: ['helena brandt'] },
  },
  {
    storyId: 'court',
    itemId: 'wire',
    isNew: false,
    method: 'near-duplicate',
    score: 0.95,
    evidence: { matchedItemId: 'gone' },
  },
  { storyId: 'approval-story', itemId: 'approval', isNew: true, method: 'new', score: 0, evidence: {} },
];

describe.each(dynamoTargets())('story detail on $name', ({ start }) => {
  let target: DynamoTarget;
  let detail: StoryDetail;

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    const store = createDynamoStore(doc, tableName);
    // Folded in the order a fetcher might meet them, not the order they were published in.
    const records = recordsBuilder('2026-10-20T14:00:00.000Z');
    for (const item of [LEDGER, HERALD, WIRE, APPROVAL]) {
      const {
        storyId,
        itemId: _,
        ...membership
      } = MEMBERSHIPS.find((m) => m.itemId === item.id) as Membership;
      records.add(storyId, item, membership);
    }
    records.match({
      storyId: 'court',
      itemId: 'herald',
      topic: 'Court rulings',
      terms: ['court'],
      fields: ['title'],
      snippet: 'Court halts',
      matchedAt: '2026-10-20T14:00:00.000Z',
    });
    await store.putStageRecords(records.records());
    detail = await storyDetail(store, 'court');
  });
  afterAll(async () => target?.stop());

  it('lists members earliest published first and marks the one the story is credited to', () => {
    expect(detail.members.map((m) => [m.outlet, m.published, m.firstReport])).toEqual([
      ['Harbour Herald', '2026-10-20T08:15:00.000Z', true],
      ['Northern Wire', '2026-10-20T09:00:00.000Z', false],
      ['Metro Ledger', '2026-10-20T13:00:00.000Z', false],
    ]);
    expect(detail.story.firstOutlet).toBe('Harbour Herald');
  });

  it('names the item each member was compared with by outlet and headline', () => {
    const herald = detail.members[0];
    expect(herald?.matched).toMatchObject({ itemId: 'ledger', outlet: 'Metro Ledger' });
    expect(herald?.reason).toBe(
      'joined: similar to Metro Ledger: "Judge freezes Larkspur terminal plan" (score 0.63)',
    );
  });

  it('says why the first member started a story, naming the nearest report it did not join', () => {
    expect(detail.members[2]?.reason).toBe(
      'started the story: no story took it; the nearest report was Harbour Herald: "Larkspur expansion approved" (score 0.21)',
    );
  });

  it('says so when the compared item is no longer stored', () => {
    expect(detail.members[1]?.reason).toBe('joined: a near-copy of item gone (not stored) (score 0.95)');
  });

  it('keeps the stored fields and names the outlet of each topic match', () => {
    expect(detail.members[0]).toMatchObject({ itemId: 'herald', method: 'similar', score: 0.633 });
    expect(detail.matches.map((t) => [t.topic, t.outlet])).toEqual([['Court rulings', 'Harbour Herald']]);
  });
});

/**
 * The story an alert email shows is read in one index query per story of its family, whatever
 * the number of members: the rows the query returns are the items, so no member is read again.
 * Requests are counted at the client, against a real DynamoDB stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { alertStory } from '../../../lambdas/core/alerts/story.ts';
import type { AlertIntent, Article } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createTestTable, type DynamoTarget, dynamoTargets } from '../../support/dynamodb.ts';
import { recordsBuilder } from '../../support/records.ts';

function copy(id: string, outlet: string, published: string): Article {
  return {
    id,
    feedId: outlet.toLowerCase().replace(/\s+/g, '-'),
    url: `https://example.org/${id}`,
    title: `${outlet}: harbour strike ends`,
    text: 'harbour strike ends',
    categories: [],
    published,
    firstSeen: '2026-11-20T09:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
  };
}

const OUTLETS = ['Metro Ledger', 'Harbour Herald', 'Northern Wire', 'Coast Courier'];

const intent = (storyId: string): AlertIntent => ({
  storyId,
  topic: 'Harbour',
  recipients: ['desk@example.com'],
  mode: 'instant',
  dueAt: '2026-11-20T09:00:00.000Z',
  headline: 'harbour strike ends',
  outlet: 'Metro Ledger',
  terms: ['harbour'],
  snippet: 'harbour strike ends',
  createdAt: '2026-11-20T09:00:00.000Z',
  status: 'pending',
  attempts: 0,
});

describe.each(dynamoTargets())('the story of an alert, read from $name', ({ start }) => {
  let target: DynamoTarget;
  let store: Store;
  const sent: string[] = [];

  beforeAll(async () => {
    target = await start();
    const { doc, tableName } = await createTestTable(target.endpoint);
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    store = createDynamoStore(doc, tableName);
    // Twelve copies over four outlets, published an hour apart, the latest stored first.
    const records = recordsBuilder('2026-11-20T09:30:00.000Z');
    for (let i = 11; i >= 0; i--) {
      const hour = String(i).padStart(2, '0');
      records.add('strike', copy(`c${i}`, OUTLETS[i % 4] ?? '', `2026-11-19T${hour}:00:00.000Z`));
    }
    records.add('walkout', copy('w0', 'Bay Times', '2026-11-18T23:00:00.000Z'));
    records.merge('walkout', 'strike');
    await store.putStageRecords(records.records());
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('reads a story of twelve copies with its record and one query, and lists each outlet once in credit order', async () => {
    sent.length = 0;
    const story = await alertStory(store, intent('strike'));
    // The survivor's record, the merged-away one's, and one query for each story's members.
    expect(sent.sort()).toEqual(['GetItemCommand', 'GetItemCommand', 'QueryCommand', 'QueryCommand']);
    expect(story.copies.map((c) => [c.outlet, c.published])).toEqual([
      ['Bay Times', '2026-11-18T23:00:00.000Z'],
      ['Metro Ledger', '2026-11-19T00:00:00.000Z'],
      ['Harbour Herald', '2026-11-19T01:00:00.000Z'],
      ['Northern Wire', '2026-11-19T02:00:00.000Z'],
      ['Coast Courier', '2026-11-19T03:00:00.000Z'],
    ]);
    expect(story.copies[1]).toMatchObject({
      title: 'Metro Ledger: harbour strike ends',
      url: 'https://example.org/c0',
    });
  });

  it('falls back to what the intent recorded when the story is gone, with one read', async () => {
    sent.length = 0;
    const story = await alertStory(store, intent('gone'));
    expect(sent).toEqual(['GetItemCommand']);
    expect(story.copies).toEqual([{ outlet: 'Metro Ledger', title: 'harbour strike ends', url: undefined }]);
  });
});

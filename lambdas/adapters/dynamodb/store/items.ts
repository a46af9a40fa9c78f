/** Items, the URL claim that keeps a GUID change from duplicating one, and item → story membership. */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Article, Membership } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { conditional } from '../conditional.ts';
import { keys } from '../keys.ts';
import { GSI, strip, type Table } from './table.ts';

export type ItemRecords = Pick<
  Store,
  'putItem' | 'getItem' | 'findItemIdByUrl' | 'putMembership' | 'getMembership' | 'listMemberships'
>;

export function itemRecords({ doc, TableName, clock, get, queryAll }: Table): ItemRecords {
  return {
    async putItem(item) {
      const created = await conditional(() =>
        doc.send(
          new PutCommand({
            TableName,
            Item: { ...keys.item(item.id), kind: 'item', ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (created) {
        if (item.url) {
          await conditional(() =>
            doc.send(
              new PutCommand({
                TableName,
                Item: { ...keys.itemUrl(item.url as string), kind: 'url', itemId: item.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          );
        }
        return 'created';
      }
      const edited = await conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.item(item.id),
            UpdateExpression: 'SET title = :t, #text = :x, summary = :s, contentHash = :h, editedAt = :now',
            ConditionExpression: 'contentHash <> :h',
            ExpressionAttributeNames: { '#text': 'text' },
            ExpressionAttributeValues: {
              ':t': item.title,
              ':x': item.text,
              ':s': item.summary ?? null,
              ':h': item.contentHash,
              ':now': clock.now().toISOString(),
            },
          }),
        ),
      );
      return edited ? 'updated' : 'unchanged';
    },

    async getItem(itemId) {
      return strip<Article>(await get(keys.item(itemId)), ['editedAt']);
    },

    async findItemIdByUrl(url) {
      return (await get(keys.itemUrl(url)))?.itemId as string | undefined;
    },

    async putMembership(m) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.member(m.itemId),
            gsi1pk: keys.storyMembers(m.storyId),
            gsi1sk: m.itemId,
            kind: 'member',
            ...m,
          },
        }),
      );
    },

    async getMembership(itemId) {
      return strip<Membership>(await get(keys.member(itemId)), []);
    },

    async listMemberships(storyId) {
      const rows = await queryAll({
        IndexName: GSI,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.storyMembers(storyId) },
      });
      return rows.map((r) => strip<Membership>(r, []) as Membership);
    },
  };
}

/**
 * Items and the URL claim that keeps a GUID change from duplicating one. The stage writes an item
 * with its membership (listed per story through the GSI); its text is in the archive.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Membership, StoredItem } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { keys } from '../keys.ts';
import { GSI, type Row, strip, type Table } from './table.ts';

export type ItemRecords = Pick<
  Store,
  'getItem' | 'claimUrl' | 'editItem' | 'getMembership' | 'listMemberships' | 'listStoryItems'
>;

export function itemRow(item: StoredItem): Row {
  return {
    ...keys.item(item.id),
    gsi1pk: keys.storyMembers(item.membership.storyId),
    gsi1sk: item.id,
    kind: 'item',
    ...item,
  };
}

function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string }).name === 'ConditionalCheckFailedException';
}

export function itemRecords({ doc, TableName, clock, get, queryAll }: Table): ItemRecords {
  const membersOf = (storyId: string) =>
    queryAll({
      IndexName: GSI,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': keys.storyMembers(storyId) },
    });
  return {
    async getItem(itemId) {
      return strip<StoredItem>(await get(keys.item(itemId)), ['editedAt']);
    },

    async claimUrl(url, itemId) {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...keys.itemUrl(url), kind: 'url', itemId },
            // Taken again by its own holder: a fetcher that died after claiming retries the item.
            ConditionExpression: 'attribute_not_exists(pk) OR itemId = :id',
            ExpressionAttributeValues: { ':id': itemId },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return itemId;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const holder = (err as { Item?: Row }).Item?.itemId;
        return typeof holder === 'string' ? holder : ((await get(keys.itemUrl(url)))?.itemId as string);
      }
    },

    async editItem({ id, title, summary, contentHash, textKey, textLength }) {
      // Absent fields are removed rather than stored as null: a record reads back as it was typed.
      const optional = { summary, textKey };
      const set = Object.entries(optional).filter(([, v]) => v !== undefined);
      const removed = Object.keys(optional).filter((k) => optional[k as keyof typeof optional] === undefined);
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.item(id),
          UpdateExpression: [
            `SET title = :t, contentHash = :h, textLength = :l, editedAt = :now${set.map(([k]) => `, ${k} = :${k}`).join('')}`,
            removed.length > 0 ? `REMOVE ${removed.join(', ')}` : '',
          ].join(' '),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':t': title,
            ':h': contentHash,
            ':l': textLength,
            ':now': clock.now().toISOString(),
            ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
          },
        }),
      );
    },

    async getMembership(itemId) {
      return (await get(keys.item(itemId)))?.membership as Membership | undefined;
    },

    async listMemberships(storyId) {
      const rows = await membersOf(storyId);
      return rows.flatMap((r) => (r.membership ? [r.membership as Membership] : []));
    },

    async listStoryItems(storyId) {
      const rows = await membersOf(storyId);
      return rows.flatMap((r) => strip<StoredItem>(r, ['editedAt']) ?? []);
    },
  };
}

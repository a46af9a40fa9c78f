/** Items the story stage set aside, one partition of them (few, listed whole by `items --parked`). */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ParkedItem } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { keys } from '../keys.ts';
import { strip, type Table } from './table.ts';

export type ParkedRecords = Pick<Store, 'parkItem' | 'listParked' | 'unparkItem'>;

export function parkedRecords({ doc, TableName, queryAll }: Table): ParkedRecords {
  return {
    async parkItem(parked) {
      await doc.send(
        new PutCommand({ TableName, Item: { ...keys.parked(parked.item.id), kind: 'parked', ...parked } }),
      );
    },
    async listParked() {
      const rows = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.parked('').pk },
      });
      return rows.map((row) => strip<ParkedItem>(row, []) as ParkedItem);
    },
    async unparkItem(itemId) {
      await doc.send(new DeleteCommand({ TableName, Key: keys.parked(itemId) }));
    },
  };
}

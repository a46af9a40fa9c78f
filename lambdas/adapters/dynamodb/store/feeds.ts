/** Feed state and health: one record per feed, all of them listed through the GSI. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { keys } from '../keys.ts';
import { GSI, strip, type Table } from './table.ts';

export type FeedRecords = Pick<Store, 'getFeedState' | 'putFeedState' | 'listFeedStates'>;

export function feedRecords({ doc, TableName, get, queryAll }: Table): FeedRecords {
  return {
    async getFeedState(feedId) {
      return strip<FeedState>(await get(keys.feed(feedId)), []);
    },

    async putFeedState(state) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.feed(state.feedId),
            gsi1pk: keys.feedList(),
            gsi1sk: state.feedId,
            kind: 'feed',
            ...state,
          },
        }),
      );
    },

    async listFeedStates() {
      const rows = await queryAll({
        IndexName: GSI,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.feedList() },
      });
      return rows.map((r) => strip<FeedState>(r, []) as FeedState);
    },
  };
}

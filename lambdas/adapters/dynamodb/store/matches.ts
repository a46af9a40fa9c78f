/** Topic matches: kept in the story's partition, and listed per topic by time through the GSI. */
import type { TopicMatch } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { keys } from '../keys.ts';
import { GSI, type Row, strip, type Table } from './table.ts';

export type MatchRecords = Pick<Store, 'listMatchesByStory' | 'listMatchesByTopic'>;

/** A story's first match of a topic, in the story's partition and listed per topic by time. */
export function matchRow(m: TopicMatch): Row {
  return {
    ...keys.match(m.storyId, m.topic, m.itemId),
    gsi1pk: keys.topicMatches(m.topic),
    gsi1sk: `${m.matchedAt}#${m.storyId}#${m.itemId}`,
    kind: 'match',
    ...m,
  };
}

export function matchRecords({ queryAll }: Table): MatchRecords {
  return {
    async listMatchesByStory(storyId) {
      const rows = await queryAll({
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': keys.story(storyId).pk, ':s': 'MATCH#' },
      });
      return rows.map((r) => strip<TopicMatch>(r, []) as TopicMatch);
    },

    async listMatchesByTopic(topic, { since, limit = 100 }) {
      const rows = await queryAll(
        {
          IndexName: GSI,
          KeyConditionExpression: since ? 'gsi1pk = :p AND gsi1sk >= :s' : 'gsi1pk = :p',
          ExpressionAttributeValues: since
            ? { ':p': keys.topicMatches(topic), ':s': since }
            : { ':p': keys.topicMatches(topic) },
          ScanIndexForward: false,
        },
        limit,
      );
      return rows.map((r) => strip<TopicMatch>(r, []) as TopicMatch);
    },
  };
}

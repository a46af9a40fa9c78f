/**
 * Stories: members and outlets as sets (idempotent ADD), the first reporter and headline credited
 * by a conditional SET on their rank, merges in both directions, and listings by day partition.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Article, Story } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { type Credit, creditOf } from '../../../core/stories/credit.ts';
import { conditional } from '../conditional.ts';
import { keys } from '../keys.ts';
import { GSI, type Row, StoreError, strip, type Table } from './table.ts';

const DAY_MS = 86_400_000;
/** How far back story listings look when the caller gives no `since`. */
const DEFAULT_LIST_DAYS = 7;

export type StoryRecords = Pick<Store, 'upsertStory' | 'getStory' | 'mergeStory' | 'listStories'>;

function toStory(row: Row | undefined): Story | undefined {
  if (!row) return undefined;
  const memberIds = row.memberIds as Set<string> | undefined;
  const outlets = [...((row.outlets as Set<string> | undefined) ?? [])].sort();
  const mergedFrom = row.mergedFrom as Set<string> | undefined;
  const story = strip<Story & { memberIds?: unknown }>(row, ['memberIds', 'outlets', 'mergedFrom']);
  if (!story) return undefined;
  return {
    ...story,
    outlets,
    outletCount: outlets.length,
    memberCount: memberIds?.size ?? 0,
    ...(mergedFrom ? { mergedFrom: [...mergedFrom].sort() } : {}),
  };
}

export function storyRecords({ doc, TableName, clock, get, queryAll }: Table): StoryRecords {
  /**
   * Sets `fields` when `rank` sorts before the story's stored rank of that name. The stored rank
   * is the minimum over the members written so far, which no arrival order or retry changes.
   */
  async function keepEarliest(storyId: string, rankName: string, rank: string, fields: Row): Promise<void> {
    const set = Object.entries({ [rankName]: rank, ...fields });
    await conditional(() =>
      doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.story(storyId),
          UpdateExpression: `SET ${set.map(([name], i) => `${name} = :v${i}`).join(', ')}`,
          ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(${rankName}) OR ${rankName} > :v0)`,
          ExpressionAttributeValues: Object.fromEntries(set.map(([, value], i) => [`:v${i}`, value])),
        }),
      ),
    );
  }

  async function recordCredit(storyId: string, item: Article, credit: Credit): Promise<void> {
    await keepEarliest(storyId, 'firstRank', credit.firstRank, {
      firstItemId: item.id,
      firstOutlet: item.outlet,
      ...(credit.published ? { firstPublished: credit.published } : {}),
    });
    await keepEarliest(storyId, 'headlineRank', credit.headlineRank, { headline: credit.headline });
  }

  return {
    async upsertStory(storyId, item) {
      const now = clock.now().toISOString();
      const credit = creditOf(item);
      // ADD on string sets plus the contains() guard makes a retried item a no-op.
      await conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.story(storyId),
            // Headline and first outlet hold this item's values only until recordCredit ranks them,
            // so that a story is never read without them.
            UpdateExpression:
              'ADD memberIds :id, outlets :outlet SET updatedAt = :now, id = :sid, kind = :kind, ' +
              'headline = if_not_exists(headline, :h), firstSeen = if_not_exists(firstSeen, :seen), ' +
              'firstOutlet = if_not_exists(firstOutlet, :o), gsi1pk = if_not_exists(gsi1pk, :day), ' +
              'gsi1sk = if_not_exists(gsi1sk, :order)',
            ConditionExpression: 'attribute_not_exists(memberIds) OR NOT contains(memberIds, :itemId)',
            ExpressionAttributeValues: {
              ':id': new Set([item.id]),
              ':itemId': item.id,
              ':outlet': new Set([item.outlet]),
              ':now': now,
              ':sid': storyId,
              ':kind': 'story',
              ':h': credit.headline,
              ':seen': item.firstSeen,
              ':o': item.outlet,
              ':day': keys.storiesDay(item.firstSeen),
              ':order': `${item.firstSeen}#${storyId}`,
            },
          }),
        ),
      );
      await recordCredit(storyId, item, credit);
      const story = toStory(await get(keys.story(storyId)));
      if (!story) throw new StoreError(`story ${storyId} vanished after upsert`);
      return story;
    },

    async getStory(storyId) {
      return toStory(await get(keys.story(storyId)));
    },

    async mergeStory(absorbedId, survivorId) {
      const update = (storyId: string, expression: string, values: Row) =>
        doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.story(storyId),
            UpdateExpression: `${expression}, id = if_not_exists(id, :sid), kind = :kind`,
            ExpressionAttributeValues: { ...values, ':sid': storyId, ':kind': 'story' },
          }),
        );
      await update(absorbedId, 'SET mergedInto = :to', { ':to': survivorId });
      await update(survivorId, 'ADD mergedFrom :from SET updatedAt = :now', {
        ':from': new Set([absorbedId]),
        ':now': clock.now().toISOString(),
      });
    },

    async listStories({ since, limit = 100 }) {
      const now = clock.now().getTime();
      const from = since ? Date.parse(since) : now - DEFAULT_LIST_DAYS * DAY_MS;
      if (Number.isNaN(from)) throw new StoreError(`invalid 'since' timestamp: ${since}`);
      const stories: Story[] = [];
      // Newest day first, so `limit` keeps the most recent stories.
      for (let day = now; day >= from - DAY_MS && stories.length < limit; day -= DAY_MS) {
        const rows = await queryAll(
          {
            IndexName: GSI,
            KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :from',
            ExpressionAttributeValues: {
              ':p': keys.storiesDay(new Date(day).toISOString()),
              ':from': new Date(from).toISOString(),
            },
            ScanIndexForward: false,
          },
          limit - stories.length,
        );
        stories.push(...rows.map((r) => toStory(r) as Story));
      }
      return stories;
    },
  };
}

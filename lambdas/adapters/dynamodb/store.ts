/**
 * The Store port on DynamoDB. Uses only conditional puts/updates, queries and single-item
 * reads, so it behaves the same on AWS, on DynamoDB Local and on dynalite (which has no
 * transactions, streams or TTL).
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AlertIntent, Article, FeedState, Membership, Story, TopicMatch } from '../../core/model.ts';
import type { Store } from '../../core/ports.ts';
import { type Credit, creditOf } from '../../core/stories/credit.ts';
import { conditional } from './conditional.ts';
import { keys } from './keys.ts';
import { TABLE_KEYS } from './schema.ts';

const GSI = TABLE_KEYS.gsi1.name;
const DAY_MS = 86_400_000;
/** How far back story listings look when the caller gives no `since`. */
const DEFAULT_LIST_DAYS = 7;

export class StoreError extends Error {
  override name = 'StoreError';
}

type Row = Record<string, unknown>;

function strip<T>(row: Row | undefined, drop: readonly string[]): T | undefined {
  if (!row) return undefined;
  const copy: Row = { ...row };
  for (const k of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind', ...drop]) delete copy[k];
  return copy as T;
}

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

export function createDynamoStore(doc: DynamoDBDocumentClient, tableName: string): Store {
  const TableName = tableName;

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit = Number.POSITIVE_INFINITY) {
    const rows: Row[] = [];
    let ExclusiveStartKey: Row | undefined;
    do {
      const out = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
      rows.push(...((out.Items as Row[] | undefined) ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey as Row | undefined;
    } while (ExclusiveStartKey && rows.length < limit);
    return rows.slice(0, limit);
  }

  async function get(key: { pk: string; sk: string }): Promise<Row | undefined> {
    const out = await doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
    return out.Item as Row | undefined;
  }

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
              ':now': new Date().toISOString(),
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

    async upsertStory(storyId, item) {
      const now = new Date().toISOString();
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
        ':now': new Date().toISOString(),
      });
    },

    async listStories({ since, limit = 100 }) {
      const now = Date.now();
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

    async putTopicMatch(m) {
      await conditional(() =>
        doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.match(m.storyId, m.topic, m.itemId),
              gsi1pk: keys.topicMatches(m.topic),
              gsi1sk: `${m.matchedAt}#${m.storyId}#${m.itemId}`,
              kind: 'match',
              ...m,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },

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

    async createAlertIntent(intent) {
      return conditional(() =>
        doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.alert(intent),
              gsi1pk: keys.pendingAlerts(),
              gsi1sk: `${intent.dueAt}#${intent.storyId}#${keys.alert(intent).sk}`,
              kind: 'alert',
              ...intent,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },

    async listPendingAlerts(limit, dueBy) {
      const rows = await queryAll(
        {
          IndexName: GSI,
          KeyConditionExpression: dueBy ? 'gsi1pk = :p AND gsi1sk <= :due' : 'gsi1pk = :p',
          // The sort key is `dueAt#storyId#topic`: '#\uffff' keeps intents due exactly at `dueBy`.
          ExpressionAttributeValues: dueBy
            ? { ':p': keys.pendingAlerts(), ':due': `${dueBy}#\uffff` }
            : { ':p': keys.pendingAlerts() },
        },
        limit,
      );
      return rows.map((r) => strip<AlertIntent>(r, ['leaseUntil']) as AlertIntent);
    },

    async claimAlert(key, now, leaseMs) {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      return conditional(() =>
        doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.alert(key),
            UpdateExpression: 'SET #status = :sending, leaseUntil = :lease ADD attempts :one',
            ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':lease': leaseUntil,
              ':now': now,
              ':one': 1,
            },
          }),
        ),
      );
    },

    async completeAlert(key, { messageId, sentAt, outletsShown }) {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.alert(key),
          UpdateExpression:
            'SET #status = :sent, messageId = :m, sentAt = :at, outletsShown = :n REMOVE gsi1pk, gsi1sk, leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':m': messageId, ':at': sentAt, ':n': outletsShown },
        }),
      );
    },

    async failAlert(key, { error, permanent, at }) {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.alert(key),
          UpdateExpression: permanent
            ? 'SET #status = :failed, lastError = :e, failedAt = :at REMOVE gsi1pk, gsi1sk, leaseUntil'
            : 'SET #status = :pending, lastError = :e REMOVE leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: permanent
            ? { ':failed': 'failed', ':e': error, ':at': at }
            : { ':pending': 'pending', ':e': error },
        }),
      );
    },

    async getAlert(key) {
      return strip<AlertIntent>(await get(keys.alert(key)), ['leaseUntil']);
    },

    async listAlerts(storyId) {
      const rows = await queryAll({
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        // `ALERT#` (first alerts) and `ALERT+` (follow-ups) both begin so.
        ExpressionAttributeValues: { ':p': keys.story(storyId).pk, ':s': 'ALERT' },
      });
      return rows.map((r) => strip<AlertIntent>(r, ['leaseUntil']) as AlertIntent);
    },
  };
}

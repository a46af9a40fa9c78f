/**
 * The cluster index in the single table, under `CLX#` keys:
 *
 *   CLX#I#<itemId>        / I  item record: story, state, event time, weighted features, MinHash
 *   CLX#P#<key>           / <eventTime>#<itemId>  posting: range-queried by event time, newest first
 *   CLX#F#<day>#<feature> / F  document frequency of a feature among the day's items (ADD n 1)
 *   CLX#N#<day>           / N  items counted that day
 *   CLX#C#<key>           / C  claim: first writer of a GUID, URL, story key or story pair (conditional put)
 *   CLX#S#<storyId>       / S  story centroid, written only over the version it was read at
 *
 * Only single-item conditional puts/updates, queries and batch reads/writes: no transactions,
 * streams or TTL deletion, so dynalite and DynamoDB Local behave like DynamoDB. Every record
 * carries `expiresAt` for TTL, and readers filter by time and expiry themselves.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ClusterIndex, Frequencies, IndexedItem, StoryVector } from '../../core/clustering/index.ts';
import type { Membership } from '../../core/model.ts';
import { batchGet, batchWrite } from './cluster-batch.ts';
import { decodeMinhash, encodeMinhash, clusterKeys as k } from './cluster-keys.ts';
import { conditional, isConditionFailure } from './conditional.ts';

type Row = Record<string, unknown>;

export function createDynamoClusterIndex(doc: DynamoDBDocumentClient, tableName: string): ClusterIndex {
  const now = () => Math.floor(Date.now() / 1000);

  return {
    async getItems(itemIds) {
      const rows = await batchGet(doc, tableName, itemIds.map(k.item), true);
      const byId = new Map(rows.map((row) => [row.itemId as string, row]));
      return itemIds.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toItem(row)] : [];
      });
    },

    async frequencies(features, days): Promise<Frequencies> {
      const keys = [...days.map(k.total), ...days.flatMap((day) => features.map((f) => k.count(day, f)))];
      const rows = await batchGet(doc, tableName, keys, false);
      const counts = new Map(rows.map((row) => [row.pk as string, Number(row.n ?? 0)]));
      const sum = (pks: string[]) => pks.reduce((total, pk) => total + (counts.get(pk) ?? 0), 0);
      return {
        total: sum(days.map((day) => k.total(day).pk)),
        df: features.map((f) => sum(days.map((day) => k.count(day, f).pk))),
      };
    },

    async postings(keys, range, limit) {
      return Promise.all(
        keys.map(async (key) => {
          const out = await doc.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: {
                ':pk': k.postingPk(key),
                ':from': range.from,
                ':to': `${range.to}~`,
              },
              ProjectionExpression: 'itemId',
              ScanIndexForward: false,
              ConsistentRead: true,
              Limit: limit,
            }),
          );
          return (out.Items ?? []).map((row) => row.itemId as string);
        }),
      );
    },

    async add(item, { postingKeys, counted, day, expiresAt }) {
      const created = await putIfAbsent(doc, tableName, {
        ...k.item(item.itemId),
        ...fromItem(item),
        expiresAt,
      });
      if (!created) return;
      const postings = postingKeys.map((key) => ({
        ...k.posting(key, item.eventTime, item.itemId),
        itemId: item.itemId,
        expiresAt,
      }));
      await batchWrite(doc, tableName, postings);
      const counterExpiry = Math.max(expiresAt, Date.parse(`${day}T00:00:00Z`) / 1000 + 3 * 86_400);
      await Promise.all(
        [k.total(day), ...counted.map((f) => k.count(day, f))].map((key) =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: 'ADD n :one SET expiresAt = :exp',
              ExpressionAttributeValues: { ':one': 1, ':exp': counterExpiry },
            }),
          ),
        ),
      );
    },

    async claim(key, itemId, expiresAt) {
      const put = () =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...k.claim(key), holder: itemId, expiresAt },
            // An expired claim is free again: dynalite never deletes it, and DynamoDB may be late to.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR holder = :me',
            ExpressionAttributeValues: { ':now': now(), ':me': itemId },
          }),
        );
      try {
        await put();
        return itemId;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: k.claim(key), ConsistentRead: true }),
      );
      return (out.Item?.holder as string | undefined) ?? itemId;
    },

    async getStories(storyIds) {
      const rows = await batchGet(doc, tableName, storyIds.map(k.story), true);
      const byId = new Map(rows.map((row) => [row.storyId as string, row]));
      return storyIds.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toStory(row)] : [];
      });
    },

    async putStory(story, expiresAt) {
      const first = story.version === 1;
      return conditional(() =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...k.story(story.storyId), ...story, expiresAt },
            ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
            ...(first ? {} : { ExpressionAttributeValues: { ':previous': story.version - 1 } }),
          }),
        ),
      );
    },

    async settle(itemId, membership: Membership) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: k.item(itemId),
          UpdateExpression: 'SET #state = :final, storyId = :story, membership = :m',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':final': 'final',
            ':story': membership.storyId,
            ':m': plain(membership),
          },
        }),
      );
    },
  };
}

function putIfAbsent(doc: DynamoDBDocumentClient, tableName: string, row: Row): Promise<boolean> {
  return conditional(() =>
    doc.send(
      new PutCommand({ TableName: tableName, Item: row, ConditionExpression: 'attribute_not_exists(pk)' }),
    ),
  );
}

function toStory(row: Row): StoryVector {
  return {
    storyId: row.storyId as string,
    features: (row.features as string[] | undefined) ?? [],
    weights: ((row.weights as number[] | undefined) ?? []).map(Number),
    counts: ((row.counts as number[] | undefined) ?? []).map(Number),
    ...(row.norm !== undefined ? { norm: Number(row.norm) } : {}),
    members: Number(row.members ?? 0),
    version: Number(row.version ?? 0),
    ...(typeof row.mergedInto === 'string' ? { mergedInto: row.mergedInto } : {}),
    ...(typeof row.opened === 'string' ? { opened: row.opened } : {}),
  };
}

function fromItem(item: IndexedItem): Row {
  return {
    itemId: item.itemId,
    storyId: item.storyId,
    state: item.state,
    eventTime: item.eventTime,
    writtenAt: item.writtenAt,
    features: item.features,
    weights: item.weights,
    norm: item.norm,
    ...(item.minhash ? { minhash: encodeMinhash(item.minhash) } : {}),
    membership: plain(item.membership),
  };
}

function toItem(row: Row): IndexedItem {
  return {
    itemId: row.itemId as string,
    storyId: row.storyId as string,
    state: row.state === 'pending' ? 'pending' : 'final',
    eventTime: row.eventTime as string,
    writtenAt: row.writtenAt as string,
    features: (row.features as string[] | undefined) ?? [],
    weights: ((row.weights as number[] | undefined) ?? []).map(Number),
    norm: Number(row.norm ?? 0),
    ...(typeof row.minhash === 'string' ? { minhash: decodeMinhash(row.minhash) } : {}),
    membership: row.membership as Membership,
  };
}

/** Drops undefined fields (nested evidence included) so the document marshaller takes it as is. */
function plain(membership: Membership): Row {
  return JSON.parse(JSON.stringify(membership)) as Row;
}

/**
 * The alert outbox: intents created once under their key, listed while pending through a sparse
 * GSI partition, claimed under a lease, and completed or failed (retried or parked).
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertIntent } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { conditional } from '../conditional.ts';
import { keys } from '../keys.ts';
import { GSI, strip, type Table } from './table.ts';

export type OutboxRecords = Pick<
  Store,
  | 'createAlertIntent'
  | 'listPendingAlerts'
  | 'claimAlert'
  | 'completeAlert'
  | 'failAlert'
  | 'getAlert'
  | 'listAlerts'
>;

export function outboxRecords({ doc, TableName, get, queryAll }: Table): OutboxRecords {
  return {
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

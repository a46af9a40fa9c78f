/**
 * The Store port on DynamoDB, one module per record kind (keys in ../keys.ts). Uses only
 * conditional puts/updates, batch writes, queries and single-item reads, so it behaves the same on AWS, on
 * DynamoDB Local and on dynalite (which has no transactions, streams or TTL).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, Store } from '../../../core/ports.ts';
import { feedRecords } from './feeds.ts';
import { itemRecords } from './items.ts';
import { matchRecords } from './matches.ts';
import { outboxRecords } from './outbox.ts';
import { parkedRecords } from './parked.ts';
import { stageRecords } from './stage.ts';
import { storyRecords } from './stories.ts';
import { bindTable } from './table.ts';

export { StoreError } from './table.ts';

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** `clock` stamps edits and merges (`editedAt`, `updatedAt`) and ends default story listings. */
export function createDynamoStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock = SYSTEM_CLOCK,
): Store {
  const table = bindTable(doc, tableName, clock);
  return {
    ...feedRecords(table),
    ...itemRecords(table),
    ...storyRecords(table),
    ...matchRecords(table),
    ...outboxRecords(table),
    ...parkedRecords(table),
    ...stageRecords(table),
  };
}

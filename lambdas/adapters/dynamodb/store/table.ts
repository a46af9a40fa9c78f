/**
 * What every record kind of the store shares: the document client bound to the table, the
 * paginated query, the consistent single-item read, and the mapping from a row back to a record.
 * Writes that may lose a race go through `conditional` (../conditional.ts).
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../../core/ports.ts';
import { TABLE_KEYS } from '../schema.ts';

export const GSI = TABLE_KEYS.gsi1.name;

export class StoreError extends Error {
  override name = 'StoreError';
}

export type Row = Record<string, unknown>;

/** The table as the record modules see it. */
export interface Table {
  doc: DynamoDBDocumentClient;
  TableName: string;
  clock: Clock;
  /** Every row of a query, following pages until `limit` rows are read. */
  queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit?: number): Promise<Row[]>;
  /** One row by key, read consistently. */
  get(key: { pk: string; sk: string }): Promise<Row | undefined>;
}

export function bindTable(doc: DynamoDBDocumentClient, TableName: string, clock: Clock): Table {
  return {
    doc,
    TableName,
    clock,
    async queryAll(input, limit = Number.POSITIVE_INFINITY) {
      const rows: Row[] = [];
      let ExclusiveStartKey: Row | undefined;
      do {
        const out = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
        rows.push(...((out.Items as Row[] | undefined) ?? []));
        ExclusiveStartKey = out.LastEvaluatedKey as Row | undefined;
      } while (ExclusiveStartKey && rows.length < limit);
      return rows.slice(0, limit);
    },
    async get(key) {
      const out = await doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
      return out.Item as Row | undefined;
    },
  };
}

/** The record a row holds: the row without its keys, its kind and the attributes in `drop`. */
export function strip<T>(row: Row | undefined, drop: readonly string[]): T | undefined {
  if (!row) return undefined;
  const copy: Row = { ...row };
  for (const k of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'kind', ...drop]) delete copy[k];
  return copy as T;
}

/** Batch reads and writes that honour DynamoDB's request limits and retry what it leaves unprocessed. */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Row = Record<string, unknown>;
type Key = { pk: string; sk: string };

const MAX_GET = 100;
const MAX_WRITE = 25;
const MAX_ATTEMPTS = 8;

export class ClusterIndexError extends Error {
  override name = 'ClusterIndexError';
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Throttled batches come back partly unprocessed; back off and resend only the rest. */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
}

function unique(keys: readonly Key[]): Key[] {
  const seen = new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key]));
  return [...seen.values()];
}

export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
  consistent: boolean,
): Promise<Row[]> {
  const rows: Row[] = [];
  await Promise.all(
    chunks(unique(keys), MAX_GET).map(async (chunk) => {
      let pending: Key[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new ClusterIndexError(
            `BatchGet left ${pending.length} keys unprocessed after ${attempt} attempts`,
          );
        if (attempt > 0) await backoff(attempt);
        const out = await doc.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } },
          }),
        );
        rows.push(...(out.Responses?.[tableName] ?? []));
        pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
      }
    }),
  );
  return rows;
}

export async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rows: readonly Row[],
): Promise<void> {
  await Promise.all(
    chunks(rows, MAX_WRITE).map(async (chunk) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new ClusterIndexError(
            `BatchWrite left ${pending.length} puts unprocessed after ${attempt} attempts`,
          );
        if (attempt > 0) await backoff(attempt);
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }),
  );
}

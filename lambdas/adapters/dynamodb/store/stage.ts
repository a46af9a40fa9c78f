/**
 * What the story stage decided for a batch, in batch writes of 25: items, story records and first
 * matches are all whole-record puts the stage alone makes, so writing them again is harmless.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../../core/ports.ts';
import { itemRow } from './items.ts';
import { matchRow } from './matches.ts';
import { storyRow } from './stories.ts';
import { type Row, StoreError, type Table } from './table.ts';

const BATCH_WRITE = 25;
/** Unprocessed writes (throttling) are retried with backoff this many times before giving up. */
const MAX_ATTEMPTS = 8;

export type StageRecordWrites = Pick<Store, 'putStageRecords'>;

export function stageRecords({ doc, TableName }: Table): StageRecordWrites {
  async function writeAll(rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_WRITE) {
      let requests = rows.slice(i, i + BATCH_WRITE).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 1; requests.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS)
          throw new StoreError(`${requests.length} writes still unprocessed after ${MAX_ATTEMPTS} attempts`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
        requests = (out.UnprocessedItems?.[TableName] ?? []) as typeof requests;
      }
    }
  }

  return {
    async putStageRecords({ items, stories, matches }) {
      await writeAll([...items.map(itemRow), ...stories.map(storyRow), ...matches.map(matchRow)]);
    },
  };
}

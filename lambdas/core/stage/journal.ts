/**
 * What the story stage keeps durable, and the port it keeps it through (S3 in AWS and locally).
 * A snapshot holds the open window; each batch since is a numbered entry holding the changes it
 * made and the records it owes the store. Entries are written before the records, so a stage
 * that dies between the two finds the debt on restart and pays it again (every write is
 * idempotent).
 */
import type { EncodedChange, IndexState } from '../clustering/index.ts';
import type { StageRecords, Story } from '../model.ts';

export type { StageRecords } from '../model.ts';

/** The story stage's own state beyond the cluster index: story records and topics already owed. */
export interface StageState {
  /** Records of the stories still open. */
  stories: Story[];
  /** `<storyId>\u0000<topic>` for every (story, topic) already matched. */
  matched: string[];
  /** Latest ingestion time seen (ISO 8601): what the window is measured from. */
  watermark?: string;
}

export interface StageSnapshot extends StageState {
  /** The last batch folded in. */
  seq: number;
  /** ISO 8601, by the stage's clock. */
  writtenAt: string;
  index: IndexState;
}

export interface StageBatch {
  seq: number;
  changes: EncodedChange[];
  /** Story records as the batch left them. */
  stories: Story[];
  matched: string[];
  watermark?: string;
  records: StageRecords;
}

export interface StageJournal {
  readSnapshot(): Promise<StageSnapshot | undefined>;
  writeSnapshot(snapshot: StageSnapshot): Promise<void>;
  readBatch(seq: number): Promise<StageBatch | undefined>;
  writeBatch(batch: StageBatch): Promise<void>;
}

export class StageJournalError extends Error {
  override name = 'StageJournalError';
}

/**
 * What the story stage keeps durable, and the port it keeps it through (S3 in AWS, files
 * locally). Each batch is a numbered entry holding the changes it made and the records it owes
 * the store, written before the records, so a stage that dies between the two finds the debt on
 * restart and pays it again (every write is idempotent).
 *
 * A snapshot is a manifest naming parts. Each part holds what changed in the window between two
 * snapshots for one day (segments.ts): a part is written once and never rewritten, a snapshot
 * adds the parts of its own changes and drops the parts of days that left the window, and a
 * restart reads the parts in parallel, a line at a time.
 *
 * Every entry, part and manifest is written only if absent: two stage instances (AWS promises no
 * fewer) cannot both write batch N or snapshot G. The one that loses gets `StageFencedError` and
 * reloads before it writes anything else.
 */
import type { FollowUpCheck } from '../alerts/follow-up.ts';
import type { EncodedChange, IndexRecord } from '../clustering/index.ts';
import type { AlertKey, StageRecords, Story } from '../model.ts';

export type { StageRecords } from '../model.ts';

/** The records a batch owes and the alerts they queue: paid again whole after a crash. */
export interface StageDebt extends StageRecords {
  /** Instant alerts of first matches, for the alert queue (the alerter's claim sends each once). */
  alerts: AlertKey[];
  followUps: FollowUpCheck[];
}

export interface StageBatch {
  seq: number;
  changes: EncodedChange[];
  /** Story records as the batch left them. */
  stories: Story[];
  matched: string[];
  watermark?: string;
  records: StageDebt;
}

/** One snapshot part: a day's share of what changed between two snapshots. */
export interface PartRef {
  key: string;
  /** 'YYYY-MM-DD': the event day of its items, the latest day of its stories. */
  day: string;
  /** The batch the snapshot that wrote it had reached: a later part wins. */
  seq: number;
  /**
   * A day's document-frequency sketch, whole (a fixed 1.5 MB): only the newest of each day is
   * kept, where a part with items and stories is kept until its day leaves the window.
   */
  sketch?: true;
}

export interface StageManifest {
  /** Snapshots are numbered from 1; each writer claims the next number. */
  gen: number;
  /** The last batch folded in. */
  seq: number;
  /** ISO 8601, by the stage's clock. */
  writtenAt: string;
  /** Latest ingestion time seen: what the window is measured from. */
  watermark?: string;
  parts: PartRef[];
}

/** A line of a part: the window's index records, and the stage's story records and matches. */
export type SegmentRecord =
  | IndexRecord
  | { t: 'record'; story: Story }
  | { t: 'matched'; story: string; topics: string[] };

export interface StageJournal {
  readManifest(): Promise<StageManifest | undefined>;
  writeManifest(manifest: StageManifest): Promise<void>;
  readPart(key: string): AsyncIterable<SegmentRecord>;
  writePart(key: string, records: Iterable<SegmentRecord>): Promise<void>;
  readBatch(seq: number): Promise<StageBatch | undefined>;
  writeBatch(batch: StageBatch): Promise<void>;
}

export class StageJournalError extends Error {
  override name = 'StageJournalError';
}

/** Another stage instance wrote this key first: this one's memory is stale. */
export class StageFencedError extends StageJournalError {
  override name = 'StageFencedError';
}

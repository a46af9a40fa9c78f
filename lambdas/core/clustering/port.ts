/**
 * What the clusterer needs from storage. Every operation is bounded by a handful of keys or a time
 * range, so the cost of one assignment does not grow with the number of stored stories.
 */
import type { Membership } from '../model.ts';

export interface IndexedItem {
  itemId: string;
  storyId: string;
  /**
   * 'pending' while the item that founds a story is still claiming its keys: it may yet join a
   * story a concurrent copy founded, so nobody may join its story before it settles.
   */
  state: 'pending' | 'final';
  /** ISO 8601: published time, or first-seen time when undated. */
  eventTime: string;
  /** ISO 8601: when the record was written, to recognise a pending record left by a crashed writer. */
  writtenAt: string;
  /** Fingerprint features, strongest first, with their idf-weighted weights at indexing time. */
  features: string[];
  weights: number[];
  norm: number;
  minhash?: number[];
  membership: Membership;
}

/**
 * A story's centroid: the sum of its members' unit vectors, cut to the heaviest features. Items
 * are judged against it, so a story is compared by everything its copies said.
 */
export interface StoryVector {
  storyId: string;
  features: string[];
  weights: number[];
  /** Members carrying each feature. */
  counts: number[];
  /**
   * Euclidean norm of `weights`, kept with them so scoring does not sum it again for every
   * candidate; absent on records written before it was kept.
   */
  norm?: number;
  members: number;
  /** Bumped by every write: writers update only the version they read (optimistic locking). */
  version: number;
  /** Set when the story was folded into another: its members now belong to that one. */
  mergedInto?: string;
  /** ISO 8601 event time of its earliest member; absent on records written before it was kept. */
  opened?: string;
}

export interface Frequencies {
  /** Items counted in the requested days. */
  total: number;
  /** Items among them carrying each requested feature, in request order. */
  df: number[];
}

export interface TimeRange {
  from: string;
  to: string;
}

export interface Placement {
  postingKeys: readonly string[];
  counted: readonly string[];
  day: string;
  /** Epoch seconds after which the store may drop the postings, counters and record. */
  expiresAt: number;
}

export interface ClusterIndex {
  /** Items by id (strongly consistent where the store offers it); missing ids are left out. */
  getItems(itemIds: readonly string[]): Promise<IndexedItem[]>;
  /** Document frequencies over the given day buckets ('YYYY-MM-DD'). */
  frequencies(features: readonly string[], days: readonly string[]): Promise<Frequencies>;
  /** Per key, ids of items posted under it with event time in range, newest first, at most `limit`. */
  postings(keys: readonly string[], range: TimeRange, limit: number): Promise<string[][]>;
  /**
   * Stores the item record, posts it under `postingKeys` and counts `counted` features (and one
   * item) in `day`. The first write of an item wins: adding it again changes nothing.
   */
  add(item: IndexedItem, placement: Placement): Promise<void>;
  /** Claims `key` for the item unless another holds it; resolves to the holder's item id. */
  claim(key: string, itemId: string, expiresAt: number): Promise<string>;
  getStories(storyIds: readonly string[]): Promise<StoryVector[]>;
  /**
   * Writes the story if the stored one is at `story.version - 1` (absent for version 1); false
   * when another writer got there first.
   */
  putStory(story: StoryVector, expiresAt: number): Promise<boolean>;
  /** Marks a pending item final with the membership it settled on. */
  settle(itemId: string, membership: Membership): Promise<void>;
}

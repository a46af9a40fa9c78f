/**
 * Story clustering: each arriving item joins the story of an earlier copy or starts a new one,
 * online, with no recomputation over the store.
 *
 * Layers, cheapest first:
 * 1. Same GUID or canonical URL: the same item (a conditional claim on the key, so two fetchers
 *    racing on one item agree).
 * 2. Near-duplicate: MinHash over 4-word shingles of the cleaned body, 16 LSH bands as index keys;
 *    estimated Jaccard >= 0.8 is a syndicated copy under other furniture.
 * 3. Similar: cosine of idf-weighted features that survive rewriting (headline words, names and
 *    name pairs, figures with units, dates, 4-word shingles of quotations, rare words). Document
 *    frequencies are counted online per day in the index, so boilerplate and common words fade as
 *    the index sees them. Only items whose event time lies within +-3 days count: the same names
 *    weeks apart are another event.
 *
 * Site furniture is cut before any of this (text.ts): short non-sentence lines, and everything from
 * a "Related articles" / "Comments" style line once enough prose precedes it.
 *
 * Cost per item is bounded: document frequencies for at most 56 features (quotation shingles are not counted) over two day buckets, the
 * newest 20 postings of 12 feature keys and 16 band keys, at most 30 candidates scored. None of it
 * depends on how many stories are stored. Race safety: see `found` in clusterer.ts.
 */

import { createClusterer as create, type StoryClusterer } from './clusterer.ts';
import { type ClusterOptions, resolveOptions } from './options.ts';
import type { ClusterIndex } from './port.ts';

export type { ClusterInput, StoryClusterer } from './clusterer.ts';
export { StoryConflictError } from './errors.ts';
export { createMemoryClusterIndex } from './memory-index.ts';
export { type ClusterOptions, DEFAULT_OPTIONS } from './options.ts';
export type { ClusterIndex, Frequencies, IndexedItem, Placement, StoryVector, TimeRange } from './port.ts';

export function createClusterer(index: ClusterIndex, options?: Partial<ClusterOptions>): StoryClusterer {
  return create(index, resolveOptions(options));
}

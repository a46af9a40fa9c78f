/**
 * Story clustering: each arriving item joins the story of an earlier copy or starts a new one,
 * online, with no recomputation over the store.
 *
 * Layers, cheapest first:
 * 1. Same GUID (within one outlet) or canonical URL: the same item. A conditional claim on the
 *    key, so two fetchers racing on one item agree.
 * 2. Near-duplicate: one-permutation MinHash over 4-word shingles of the cleaned body, 16 LSH
 *    bands as index keys; estimated Jaccard >= 0.8 is a syndicated copy under other furniture.
 * 3. Similar: cosine between the item's idf-weighted features and a candidate story's centroid
 *    (the sum of its members' vectors). Features are what survives rewriting: headline words,
 *    names and name pairs, figures with units, dates, 4-word shingles of quotations, rare words,
 *    read from the first 300 words of cleaned text. Document frequencies are counted online per
 *    day in the index, so boilerplate and common words fade as the index sees them. Only items
 *    within a day of the item's event time count: a story silent for a day is over, and the same
 *    names weeks apart are another event. Nor does a story take members more than three days
 *    after its first report (near-duplicates aside), so a subject covered every day does not
 *    chain into one story that never alerts again. A join also needs two shared features, or one
 *    the story owns (most recent items carrying it are its members): one common word is a
 *    coincidence. The threshold moves from 0.2 for a headline to 0.3 for a full article
 *    (options.ts says how each constant was chosen).
 * 4. Merge: items that qualify for two stories whose centroids are close too show they are one
 *    event told twice; once a second item confirms the first (one alone may be a digest of both
 *    events), the later story is folded into the earlier (assign/merge.ts).
 *
 * Site furniture is cut first (fingerprint/text.ts): short non-sentence lines, and everything
 * from a "Related articles" / "Comments" style line once enough prose precedes it. Words are read
 * in any alphabet, lightly stemmed; function words of English and six other Latin-script
 * languages are dropped, and contractions and elided articles ("you'll", "l'Europe") folded
 * (fingerprint/text.ts, fingerprint/stopwords.ts). Scripts written without spaces (Chinese,
 * Japanese) are not segmented.
 *
 * Cost per item is bounded whatever the number of stored stories: document frequencies for at most
 * 56 features over two day buckets, the newest 20 postings of 12 feature keys and 16 band keys, at
 * most 30 candidate items and their stories scored, one centroid rewritten (a claim per bridged
 * pair, two centroid writes per merge).
 * Race safety: see `found` in assign/clusterer.ts and `mergeRivals` in assign/merge.ts.
 *
 * Layout: fingerprint/ turns a text into features (no state across documents but caches);
 * assign/ decides where an item goes, through the index port (port.ts) with one Engine (index,
 * options, clock) built per clusterer; time.ts holds the time helpers; memory-index.ts is the
 * index in process memory (CLI, local runner, tests).
 */

import type { Clock } from '../ports.ts';
import { createClusterer as create, type StoryClusterer } from './assign/clusterer.ts';
import { type ClusterOptions, resolveOptions } from './options.ts';
import type { ClusterIndex } from './port.ts';

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export type { ClusterInput, StoryClusterer } from './assign/clusterer.ts';
export { StoryConflictError } from './errors.ts';
export {
  createMemoryClusterIndex,
  type IndexChange,
  type MemoryClusterIndex,
  type MemoryIndexState,
} from './memory-index.ts';
export { type ClusterOptions, DEFAULT_OPTIONS, resolveOptions } from './options.ts';
export type { ClusterIndex, Frequencies, IndexedItem, Placement, StoryVector, TimeRange } from './port.ts';

/** `clock` times records, leases and expiries (the system clock unless a test or the runtime says). */
export function createClusterer(
  index: ClusterIndex,
  options?: Partial<ClusterOptions>,
  clock: Clock = SYSTEM_CLOCK,
): StoryClusterer {
  return create(index, resolveOptions(options), clock);
}

/**
 * Where an item goes: the story of an earlier copy, or a new one. Synchronous and in memory: the
 * story stage is the only caller and the only writer.
 *
 * 1. Same GUID (within one outlet) or canonical URL as a recent item: the same item.
 * 2. Candidate stories: those posted under the item's most telling terms (names and heavy body
 *    words), active within `windowDays` of its event time and opened at most `maxStoryDays`
 *    before it, ranked by how much of the item's weight they share.
 * 3. The same-event model (model.ts) gives each candidate a probability from per-kind
 *    similarities with its centroids; the most probable story at or above the fitted cut-off
 *    takes the item, else the item starts a story.
 */
import { createHash } from 'node:crypto';
import type { ClusterInput } from '../../../lambdas/core/clustering/index.ts';
import { DAY_MS, eventTimeOf } from '../../../lambdas/core/clustering/time.ts';
import type { Membership } from '../../../lambdas/core/model.ts';
import { type Evidence, KIND_COUNT, readEvidence } from './evidence.ts';
import type { Fingerprint } from './fingerprint.ts';
import { weigh } from './fingerprint.ts';
import { features, fitFor, probability, type SameEventModel } from './model.ts';
import { COUNTED_KINDS, Rarity, type RarityOptions } from './rarity.ts';
import { SAME_EVENT } from './same-event.ts';
import type { StoryEntry, StoryIndex } from './story-index.ts';
import type { SparseVector } from './vector.ts';

export interface EngineOptions extends RarityOptions {
  /** A story takes an item only if one of its members is this close in event time (days). */
  windowDays: number;
  /** Days from a story's earliest member during which it takes new members. */
  maxStoryDays: number;
  /** Terms of the body and of the names an item is posted under and looks candidates up by. */
  postingTerms: number;
  /** Candidate stories scored by the model, ranked by the weight of the terms they share. */
  maxCandidates: number;
  model: SameEventModel;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  windowDays: 1,
  maxStoryDays: 3,
  backgroundDocs: 200,
  postingTerms: 10,
  maxCandidates: 30,
  model: SAME_EVENT,
};

/** An item read and weighed, before it is placed. */
export interface Prepared {
  input: ClusterInput;
  eventTime: number;
  fingerprint: Fingerprint;
  evidence: Evidence;
  /** Posting keys: the heaviest body and name terms. */
  keys: number[];
}

export interface Candidate {
  story: StoryEntry;
  row: number[];
  p: number;
}

/** The posting kinds: body words and names say what an event is about; a headline-only item has only its title. */
const POSTING_KINDS = [0, 1, 2];

export class StoryEngine {
  constructor(
    readonly index: StoryIndex,
    readonly opts: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

  prepare(input: ClusterInput): Prepared {
    const eventTime = Date.parse(eventTimeOf(input));
    const evidence = readEvidence(input.title, input.text);
    const fingerprint = weigh(evidence, new Rarity(this.daysAround(eventTime), this.opts));
    return {
      input,
      eventTime,
      fingerprint,
      evidence,
      keys: postingKeys(fingerprint, this.opts.postingTerms),
    };
  }

  /** The item's recent holder by GUID or URL, when there is one. */
  exactHolder(input: ClusterInput): string | undefined {
    for (const key of exactKeys(input)) {
      const holder = this.index.exact.get(key);
      if (holder !== undefined && holder !== input.id) return holder;
    }
    return undefined;
  }

  /** Candidates with their probabilities, most probable first. */
  candidates(item: Prepared): Candidate[] {
    const { index, opts } = this;
    const from = item.eventTime - opts.windowDays * DAY_MS;
    const to = item.eventTime + opts.windowDays * DAY_MS;
    const openedAfter = item.eventTime - opts.maxStoryDays * DAY_MS;
    const shared = new Map<StoryEntry, number>();
    for (const key of item.keys)
      for (const story of index.postings.get(key) ?? [])
        if (story.latest >= from && story.opened <= to && story.opened >= openedAfter)
          shared.set(story, (shared.get(story) ?? 0) + 1);
    const ranked = [...shared].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1));
    const fit = fitFor(item.fingerprint.vectors, opts.model);
    return ranked
      .slice(0, opts.maxCandidates)
      .map(([story]) => {
        const row = features(item.fingerprint.vectors, story);
        return { story, row, p: probability(row, fit) };
      })
      .sort((a, b) => b.p - a.p || (a.story.id < b.story.id ? -1 : 1));
  }

  /** Places the item in `storyId` and counts its terms: the one change an assignment makes. */
  commit(item: Prepared, storyId: string): void {
    const { index } = this;
    const day = index.day(new Date(item.eventTime).toISOString().slice(0, 10));
    day.count(countedIds(item.evidence));
    index.join(storyId, item.fingerprint.vectors, item.eventTime, item.keys);
    index.items.set(item.input.id, { storyId, eventTime: item.eventTime });
    for (const key of exactKeys(item.input)) if (!index.exact.has(key)) index.exact.set(key, item.input.id);
  }

  /** Assigns one item: its membership, and the candidate that decided it (for explanations). */
  assign(input: ClusterInput): { membership: Membership; prepared?: Prepared; best?: Candidate } {
    const known = this.index.items.get(input.id);
    if (known) return { membership: repeated(input.id, known.storyId) };
    const item = this.prepare(input);
    const holder = this.exactHolder(input);
    const holderStory = holder === undefined ? undefined : this.index.items.get(holder)?.storyId;
    if (holder !== undefined && holderStory !== undefined) {
      this.commit(item, holderStory);
      const method =
        input.url && this.index.exact.get(`u:${input.url}`) === holder ? 'same-url' : 'same-guid';
      return {
        membership: {
          storyId: holderStory,
          itemId: input.id,
          isNew: false,
          method,
          score: 1,
          evidence: { matchedItemId: holder },
        },
        prepared: item,
      };
    }
    const [best] = this.candidates(item);
    const joins = best !== undefined && best.p >= fitFor(item.fingerprint.vectors, this.opts.model).cutoff;
    const storyId = joins ? best.story.id : storyIdFor(input.id);
    this.commit(item, storyId);
    const membership: Membership = {
      storyId,
      itemId: input.id,
      isNew: !joins,
      method: joins ? 'same-event' : 'new',
      score: round(best?.p ?? 0),
      evidence: {},
    };
    return { membership, prepared: item, ...(best ? { best } : {}) };
  }

  private daysAround(eventTime: number) {
    const today = new Date(eventTime).toISOString().slice(0, 10);
    const yesterday = new Date(eventTime - DAY_MS).toISOString().slice(0, 10);
    return [today, yesterday].flatMap((d) => this.index.days.get(d) ?? []);
  }
}

function repeated(itemId: string, storyId: string): Membership {
  return { storyId, itemId, isNew: false, method: 'repeated', score: 1, evidence: {} };
}

function exactKeys(input: ClusterInput): string[] {
  const keys: string[] = [];
  // GUIDs are unique per feed, not worldwide ("1234" in two feeds is two articles): scope by outlet.
  if (input.guid) keys.push(`g:${input.source ?? ''}|${input.guid}`);
  if (input.url) keys.push(`u:${input.url}`);
  return keys;
}

function postingKeys(fp: Fingerprint, count: number): number[] {
  const keys: number[] = [];
  for (const kind of POSTING_KINDS) {
    const v = fp.vectors[kind] as SparseVector;
    const order = [...v.ids.keys()].sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0));
    for (const i of order.slice(0, count)) keys.push(v.ids[i] as number);
  }
  return keys;
}

function countedIds(evidence: Evidence): number[] {
  const ids: number[] = [];
  for (let kind = 0; kind < KIND_COUNT; kind++)
    if (COUNTED_KINDS.includes(kind)) for (const id of evidence.kinds[kind]?.keys() ?? []) ids.push(id);
  return ids;
}

/** Deterministic, so a retried assignment of the same item founds the same story. */
export function storyIdFor(itemId: string): string {
  return `st_${createHash('sha1').update(itemId).digest('hex').slice(0, 16)}`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

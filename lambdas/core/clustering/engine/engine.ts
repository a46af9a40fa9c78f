/**
 * Where an item goes: the story of an earlier copy, or a new one. Synchronous and in memory: the
 * story stage is the only caller and the only writer.
 *
 * 1. Same GUID (within one outlet) or canonical URL as a recent item: the same item.
 * 2. Candidate stories: those posted under the item's most telling terms (body, title, names),
 *    active within `windowDays` of its event time and opened at most `maxStoryDays` before it,
 *    ranked by how many of those terms they share.
 * 3. The same-event model (model.ts) gives each candidate a probability from per-kind
 *    similarities with its centroids; the most probable story at or above the fitted cut-off
 *    takes the item, else the item starts a story.
 * 4. Another candidate the item also qualifies for is merged into the same story when the merge
 *    model, judging the two stories' centroids, says they are one event told twice.
 */
import { createHash } from 'node:crypto';
import type { Membership } from '../../model.ts';
import { type Evidence, KIND_COUNT, readEvidence } from '../fingerprint/evidence.ts';
import type { SparseVector } from '../fingerprint/vector.ts';
import type { ClusterInput } from '../input.ts';
import { DAY_MS, eventTimeOf } from '../time.ts';
import { explanation } from './explain.ts';
import { type Fingerprint, weigh } from './fingerprint.ts';
import { features, fitFor, probability, type SameEventModel } from './model.ts';
import { COUNTED_KINDS, Rarity, type RarityOptions } from './rarity.ts';
import { SAME_EVENT } from './same-event.ts';
import type { StoryEntry, StoryIndex } from './story-index.ts';

export interface EngineOptions extends RarityOptions {
  /**
   * A story takes an item only if one of its members is this close in event time (days). Wire
   * copies and rewrites of an event come within hours; a story silent for a day is over, and the
   * same names after that are a new development (the seeds' two stories are 20 days apart, the
   * copies within one story 17 hours). Not tuned: no labelled set here has dates spread wider.
   */
  windowDays: number;
  /**
   * Days from a story's earliest member during which it takes new members: a subject covered
   * every day must not chain into one story that never alerts again. Not tuned, as above.
   */
  maxStoryDays: number;
  /** Heaviest terms of each posting kind an item is posted under and looks candidates up by. */
  postingTerms: number;
  /** Candidate stories scored by the model, ranked by how many posting terms they share. */
  maxCandidates: number;
  /**
   * Of each posting list only the stories posted last are read: a list grows with the window (a
   * common title word is posted by nearly every story, 5,000 stories at 30,000 items in
   * bench/stage.ts), and the stories an item can join are the ones still being reported. This
   * bounds the work per item whatever the window holds. Chosen with `npm run eval:cluster` on the
   * UCI tuning half (headlines: the longest lists of the dev sets): it scores as without a cap
   * from 20 up (B3 F1 0.733; 0.730 at 10, 0.729 at 5); ECB+, SemEval, the seeds and the UCI
   * held-out half score the same at 50 as without a cap. 50 keeps a margin over 20 and costs a
   * quarter of 200, whose reads were a fifth of the stage's CPU in a burst on a 600,000-item
   * window (`npm run bench -- stage --feeds 10000 --from`, profiled).
   */
  maxPostingStories: number;
  model: SameEventModel;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  windowDays: 1,
  maxStoryDays: 3,
  backgroundDocs: 200,
  postingTerms: 10,
  maxCandidates: 30,
  maxPostingStories: 50,
  model: SAME_EVENT,
};

/** An item read and weighed, before it is placed. */
export interface Prepared {
  input: ClusterInput;
  eventTime: number;
  fingerprint: Fingerprint;
  evidence: Evidence;
  keys: number[];
}

export interface Candidate {
  story: StoryEntry;
  row: number[];
  p: number;
}

/** Body words, title words and names say what an event is about; a headline-only item has only a title. */
const POSTING_KINDS = [0, 1, 2];

export class StoryEngine {
  constructor(
    readonly index: StoryIndex,
    readonly opts: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

  /** `written`: also keep the text's own forms of its terms, which only an explanation needs. */
  prepare(input: ClusterInput, { written = false } = {}): Prepared {
    const eventTime = Date.parse(eventTimeOf(input));
    const evidence = readEvidence(input.title, input.text, { written, lang: input.lang });
    const fingerprint = weigh(evidence, new Rarity(this.daysAround(eventTime), this.opts));
    return {
      input,
      eventTime,
      fingerprint,
      evidence,
      keys: postingKeys(fingerprint, this.opts.postingTerms),
    };
  }

  /** Candidates with their probabilities, most probable first. */
  candidates(item: Prepared): Candidate[] {
    const { index, opts } = this;
    const from = item.eventTime - opts.windowDays * DAY_MS;
    const to = item.eventTime + opts.windowDays * DAY_MS;
    const openedAfter = item.eventTime - opts.maxStoryDays * DAY_MS;
    const shared = new Map<StoryEntry, number>();
    for (const key of item.keys) {
      // A story merged into another is posted under both ids: it counts once per key.
      const posted = new Set<StoryEntry>();
      const list = index.postings.get(key) ?? [];
      for (let i = list.length - 1; i >= Math.max(0, list.length - opts.maxPostingStories); i--) {
        const story = index.storyOf(list[i] as string);
        if (story && story.latest >= from && story.opened <= to && story.opened >= openedAfter)
          posted.add(story);
      }
      for (const story of posted) shared.set(story, (shared.get(story) ?? 0) + 1);
    }
    const fit = fitFor(item.fingerprint.vectors, opts.model).join;
    return [...shared]
      .sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1))
      .slice(0, opts.maxCandidates)
      .map(([story]) => {
        const row = features(item.fingerprint.vectors, story);
        return { story, row, p: probability(row, fit) };
      })
      .sort((a, b) => b.p - a.p || (a.story.id < b.story.id ? -1 : 1));
  }

  /** Places the item in `storyId`: the one change an assignment makes besides merges. */
  commit(item: Prepared, storyId: string): StoryEntry {
    return this.index.place({
      itemId: item.input.id,
      storyId,
      eventTime: item.eventTime,
      exact: exactKeys(item.input),
      keys: item.keys,
      vectors: item.fingerprint.vectors,
      counted: countedIds(item.evidence),
    });
  }

  /**
   * Assigns one item and says why: with `explain`, the membership carries each kind's share of
   * the decision in the text's own words (kept while the text is read, so only callers that store
   * the explanation pay for it).
   */
  assign(input: ClusterInput, { explain = false } = {}): Membership {
    const { index } = this;
    const known = index.items.get(input.id);
    if (known) return sameItem(input.id, index.current(known.storyId), 'repeated', input.id);
    const item = this.prepare(input, { written: explain });
    const exact = this.exactHolder(input);
    if (exact) {
      this.commit(item, exact.storyId);
      return sameItem(input.id, index.current(exact.storyId), exact.method, exact.holder);
    }
    const candidates = this.candidates(item);
    const [best] = candidates;
    const fit = fitFor(item.fingerprint.vectors, this.opts.model);
    const joins = best !== undefined && best.p >= fit.join.cutoff;
    const storyId = joins ? best.story.id : storyIdFor(input.id);
    // Explained against the story as the item found it, before the item is added to it.
    const why = best && item.evidence.written ? explanation(item, best, fit.join) : {};
    this.commit(item, storyId);
    // Only an item that joined bridges two stories: one that started a story would merge at its own refusal.
    const merged = joins ? this.mergeBridged(storyId, candidates.slice(1), item) : [];
    const membership: Membership = {
      storyId: index.current(storyId),
      itemId: input.id,
      isNew: !joins,
      method: joins ? 'same-event' : 'new',
      score: round(best?.p ?? 0),
      evidence: best
        ? { matchedItemId: best.story.firstItem, ...why }
        : { note: 'no candidate in the time window' },
      ...(merged.length > 0 ? { merged } : {}),
    };
    return membership;
  }

  /** Stories the item also qualifies for, folded into its own when their centroids agree. */
  private mergeBridged(storyId: string, others: readonly Candidate[], item: Prepared): string[] {
    const { index, opts } = this;
    const fit = fitFor(item.fingerprint.vectors, opts.model);
    const merged: string[] = [];
    for (const other of others) {
      if (other.p < fit.join.cutoff) break;
      const mine = index.storyOf(storyId);
      const theirs = index.storyOf(other.story.id);
      if (!mine || !theirs || mine === theirs) continue;
      if (probability(features(unitCentroids(mine), theirs), fit.merge) < fit.merge.cutoff) continue;
      // The earlier story survives: its id is the one alerts and readers already know.
      const [survivor, absorbed] = mine.opened <= theirs.opened ? [mine, theirs] : [theirs, mine];
      index.merge(absorbed, survivor);
      merged.push(absorbed.id);
    }
    return merged;
  }

  private exactHolder(input: ClusterInput) {
    for (const key of exactKeys(input)) {
      const holder = this.index.exact.get(key);
      const storyId = holder === undefined ? undefined : this.index.items.get(holder)?.storyId;
      if (holder !== undefined && storyId !== undefined) {
        const method = key.startsWith('u:') ? 'same-url' : 'same-guid';
        return { holder, storyId, method };
      }
    }
    return undefined;
  }

  private daysAround(eventTime: number) {
    const today = new Date(eventTime).toISOString().slice(0, 10);
    const yesterday = new Date(eventTime - DAY_MS).toISOString().slice(0, 10);
    return [today, yesterday].flatMap((d) => this.index.days.get(d) ?? []);
  }
}

/** A story's centroids scaled to unit length per kind: how a story stands in for an item. */
export function unitCentroids(story: StoryEntry): SparseVector[] {
  return story.sums.map((v, k) => {
    const n = story.norms[k] ?? 0;
    return n > 0 ? { ids: v.ids, weights: v.weights.map((w) => w / n) } : v;
  });
}

function sameItem(itemId: string, storyId: string, method: string, holder: string): Membership {
  return { storyId, itemId, isNew: false, method, score: 1, evidence: { matchedItemId: holder } };
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

/**
 * One batch through the window: assign each new item, fold it into its story record, tag it, and
 * note the records owed. Nothing here writes to the store; the stage journals the result first.
 */
import { alertMode, dueAt } from '../alerts/due.ts';
import type { FollowUps } from '../alerts/follow-up.ts';
import { encodeChange, type StoryEngine } from '../clustering/index.ts';
import { eventTimeOf } from '../clustering/time.ts';
import type { AlertIntent, Membership, QueuedItem, StoredItem, Story, TopicHit } from '../model.ts';
import type { Clock } from '../ports.ts';
import type { StoryFamily } from '../stories/family.ts';
import type { TopicMatcher } from '../topics/index.ts';
import type { StageBatch, StageDebt } from './journal.ts';
import { followUpChecks } from './owed.ts';
import { merged, withMember } from './stories.ts';
import { familyIn, matchedKey, type Window } from './window.ts';

export interface AssignedItem {
  itemId: string;
  title: string;
  outlet: string;
  /** The story as this item left it (the survivor, when the item merged stories). */
  story: Story;
  membership: Membership;
  hits: TopicHit[];
}

export interface BatchDeps {
  engine: StoryEngine;
  topics: TopicMatcher;
  clock: Clock;
  followUps?: FollowUps;
}

export interface BatchOutcome {
  /** Absent when every item was a repeat. */
  batch?: StageBatch;
  assigned: AssignedItem[];
  repeated: string[];
}

/** Who arrives first within a batch is an accident of fetching: decide in event-time order. */
function inOrder(items: readonly QueuedItem[]): QueuedItem[] {
  const keyed = items.map((item) => ({
    item,
    key: `${eventTimeOf({ published: item.published, seenAt: item.firstSeen })}\u0000${item.id}`,
  }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ item }) => item);
}

function fresh(w: Window, items: readonly QueuedItem[]): { todo: QueuedItem[]; repeated: string[] } {
  const unique = new Map(items.map((i) => [i.id, i]));
  const known = new Set([...unique.keys()].filter((id) => w.index.items.has(id)));
  return {
    todo: inOrder([...unique.values()].filter((i) => !known.has(i.id))),
    repeated: [...known],
  };
}

class BatchBuilder {
  readonly records: StageDebt = {
    items: [],
    stories: [],
    matches: [],
    intents: [],
    alerts: [],
    followUps: [],
  };
  readonly touchedStories = new Map<string, Story>();
  readonly matched: string[] = [];
  readonly touched = new Set<string>();

  constructor(
    private readonly w: Window,
    private readonly deps: BatchDeps,
    readonly now: string,
  ) {}

  story(id: string): Story | undefined {
    return this.w.stories.get(id);
  }

  setStory(story: Story): void {
    this.w.stories.set(story.id, story);
    this.touchedStories.set(story.id, story);
  }

  recordMerges(absorbedIds: readonly string[], survivorId: string): void {
    for (const id of absorbedIds) {
      const absorbed = this.w.stories.get(id);
      const kept = this.w.stories.get(survivorId);
      if (!absorbed || !kept || absorbed.mergedInto) continue;
      const [gone, grown] = merged(absorbed, kept, this.now);
      this.setStory(gone);
      this.setStory(grown);
    }
  }

  family(story: Story): Promise<StoryFamily> {
    return familyIn(this.w, story);
  }

  tag(item: QueuedItem, family: StoryFamily, hits: TopicHit[]): void {
    const storyId = family.story.id;
    for (const hit of hits) {
      if (family.ids.some((id) => this.w.matched.has(matchedKey(id, hit.topic)))) continue;
      const key = matchedKey(storyId, hit.topic);
      this.w.matched.add(key);
      this.matched.push(key);
      this.records.matches.push({ ...hit, storyId, itemId: item.id, matchedAt: this.now });
      const intent = this.intentFor(item, storyId, hit);
      if (!intent) continue;
      this.records.intents.push(intent);
      if (intent.mode === 'instant') this.records.alerts.push({ storyId, topic: hit.topic });
    }
  }

  private intentFor(item: QueuedItem, storyId: string, hit: TopicHit): AlertIntent | undefined {
    const topic = this.deps.topics.topics.find((t) => t.name === hit.topic);
    if (!topic || topic.recipients.length === 0) return undefined;
    const mode = alertMode(topic.alert);
    return {
      storyId,
      topic: hit.topic,
      recipients: topic.recipients,
      mode,
      dueAt: dueAt(mode, new Date(this.now)),
      headline: item.title,
      outlet: item.outlet,
      url: item.url,
      terms: hit.terms,
      snippet: hit.snippet,
      createdAt: this.now,
      status: 'pending',
      attempts: 0,
    };
  }
}

function stored(item: QueuedItem, assigned: AssignedItem): StoredItem {
  const { text: _text, ...rest } = item;
  const topics = assigned.hits.map(({ topic, terms }) => ({ topic, terms }));
  return { ...rest, membership: assigned.membership, ...(topics.length > 0 ? { topics } : {}) };
}

/** One item through the engine, its story record and the topics. */
async function assignOne(item: QueuedItem, b: BatchBuilder, deps: BatchDeps): Promise<AssignedItem> {
  const membership = deps.engine.assign(
    {
      id: item.id,
      title: item.title,
      text: item.text,
      url: item.url,
      guid: item.guid,
      source: item.outlet,
      published: item.published,
      seenAt: item.firstSeen,
      lang: item.lang,
    },
    // Stored with the item: `newswatch explain` reads it back.
    { explain: true },
  );
  // The engine names the story the item ended in, merges followed.
  const { storyId } = membership;
  b.recordMerges(membership.merged ?? [], storyId);
  b.setStory(withMember(b.story(storyId), storyId, item, b.now));
  const family = await b.family(b.story(storyId) as Story);
  const { title, text, outlet: source, url, lang } = item;
  const hits = deps.topics.match({ title, text, source, url, lang });
  b.tag(item, family, hits);
  b.touched.add(family.story.id);
  return { itemId: item.id, title: item.title, outlet: item.outlet, story: family.story, membership, hits };
}

/**
 * An item the window could not take. Raised before anything is journalled; the window may hold
 * part of the item, so the stage rebuilds it, parks the item and goes on without it.
 */
export class ItemAssignmentError extends Error {
  override name = 'ItemAssignmentError';
  constructor(
    readonly item: QueuedItem,
    cause: unknown,
  ) {
    super(
      `item ${item.id} (feed ${item.feedId}) could not be assigned: ${(cause as Error)?.message ?? cause}`,
      {
        cause,
      },
    );
  }
}

export async function assignBatch(
  w: Window,
  items: readonly QueuedItem[],
  deps: BatchDeps,
): Promise<BatchOutcome> {
  const { todo, repeated } = fresh(w, items);
  const now = deps.clock.now().toISOString();
  const b = new BatchBuilder(w, deps, now);
  const assigned: AssignedItem[] = [];
  let watermark = w.watermark;
  for (const item of todo) {
    let done: AssignedItem;
    try {
      done = await assignOne(item, b, deps);
    } catch (err) {
      throw new ItemAssignmentError(item, err);
    }
    assigned.push(done);
    b.records.items.push(stored(item, done));
    if (!watermark || item.firstSeen > watermark) watermark = item.firstSeen;
  }
  w.watermark = watermark;
  if (assigned.length === 0) return { assigned, repeated };
  b.records.stories = [...b.touchedStories.values()];
  b.records.followUps = await followUpChecks(w, b.touched, deps.followUps);
  const batch: StageBatch = {
    seq: w.seq + 1,
    changes: w.index.takeChanges().map(encodeChange),
    stories: b.records.stories,
    matched: b.matched,
    watermark,
    records: b.records,
  };
  return { batch, assigned, repeated };
}

/**
 * One item's path through the pipeline after fetching: skip if seen, assign to a story, tag,
 * record matches and queue alerts. Every step is idempotent and the item record is written
 * last, as the commit marker: a run that dies half-way is redone in full by the retry, and the
 * retry neither duplicates the item nor its alert.
 */
import { alertMode, dueAt } from '../alerts/due.ts';
import { createFollowUp, type FollowUps } from '../alerts/follow-up.ts';
import type { StoryClusterer } from '../clustering/index.ts';
import type { AlertKey, Article, Membership, Story, TopicHit } from '../model.ts';
import type { Clock, Store } from '../ports.ts';
import { familyOf, type StoryFamily } from '../stories/family.ts';
import type { TopicMatcher } from '../topics/index.ts';

export interface IngestDeps {
  store: Store;
  clusterer: StoryClusterer;
  topics: TopicMatcher;
  clock: Clock;
  followUps?: FollowUps;
}

export type ItemOutcome =
  | { kind: 'seen'; itemId: string }
  | { kind: 'edited'; itemId: string }
  | {
      kind: 'new';
      itemId: string;
      title: string;
      outlet: string;
      story: Story;
      membership: Membership;
      hits: TopicHit[];
      alertsQueued: AlertKey[];
    };

export interface AlertRef {
  storyId: string;
  topic: string;
}

async function alreadyStored(item: Article, store: Store): Promise<ItemOutcome | undefined> {
  const existing = await store.getItem(item.id);
  if (existing) {
    if (existing.contentHash === item.contentHash) return { kind: 'seen', itemId: item.id };
    // Known items are not re-fetched from their page, so an edit may carry only the feed's summary:
    // keep the fuller text already stored.
    const text = item.text.length >= existing.text.length ? item.text : existing.text;
    await store.putItem({ ...item, text });
    return { kind: 'edited', itemId: item.id };
  }
  // The same article under another GUID (a republished entry, or a second feed of the same site).
  const byUrl = item.url ? await store.findItemIdByUrl(item.url) : undefined;
  return byUrl && byUrl !== item.id ? { kind: 'seen', itemId: item.id } : undefined;
}

async function assignStory(item: Article, deps: IngestDeps): Promise<Membership> {
  const previous = await deps.store.getMembership(item.id);
  if (previous) return previous;
  const membership = await deps.clusterer.assign({
    id: item.id,
    title: item.title,
    text: item.text,
    url: item.url,
    guid: item.guid,
    source: item.outlet,
    published: item.published,
    seenAt: item.firstSeen,
  });
  await deps.store.putMembership(membership);
  return membership;
}

/**
 * The story the item's membership now belongs to, with the merges its arrival caused recorded
 * first (again on a retry: the store's merge is idempotent).
 */
async function currentStory(item: Article, membership: Membership, deps: IngestDeps): Promise<StoryFamily> {
  for (const absorbed of membership.merged ?? []) await deps.store.mergeStory(absorbed, membership.storyId);
  const storyId = (await deps.clusterer.resolve([membership.storyId])).get(membership.storyId);
  const stored = await deps.store.upsertStory(storyId ?? membership.storyId, item);
  return familyOf(deps.store, stored);
}

/** A story merged into this one may have sent the topic's alert already: once per story. */
async function alertedBefore(family: StoryFamily, topic: string, store: Store): Promise<boolean> {
  const others = family.ids.filter((id) => id !== family.story.id);
  return (await Promise.all(others.map((storyId) => store.getAlert({ storyId, topic })))).some(Boolean);
}

async function recordMatches(
  item: Article,
  family: StoryFamily,
  hits: TopicHit[],
  deps: IngestDeps,
): Promise<AlertKey[]> {
  const { story } = family;
  const queued: AlertKey[] = [];
  const matchedAt = deps.clock.now().toISOString();
  for (const hit of hits) {
    await deps.store.putTopicMatch({ ...hit, storyId: story.id, itemId: item.id, matchedAt });
    const topic = deps.topics.topics.find((t) => t.name === hit.topic);
    if (!topic || topic.recipients.length === 0) continue;
    if (await alertedBefore(family, hit.topic, deps.store)) continue;
    const mode = alertMode(topic.alert);
    const created = await deps.store.createAlertIntent({
      storyId: story.id,
      topic: hit.topic,
      recipients: topic.recipients,
      mode,
      dueAt: dueAt(mode, deps.clock.now()),
      headline: item.title,
      outlet: item.outlet,
      url: item.url,
      terms: hit.terms,
      snippet: hit.snippet,
      createdAt: matchedAt,
      status: 'pending',
      attempts: 0,
    });
    // Digests are left to the alerter's scheduled sweep, which sends them when due.
    if (created && mode === 'instant') queued.push({ storyId: story.id, topic: hit.topic });
  }
  return queued;
}

/** This item may have brought the story to a topic's follow-up threshold (alerts/follow-up.ts). */
async function recordFollowUps(family: StoryFamily, deps: IngestDeps): Promise<AlertKey[]> {
  const now = deps.clock.now().toISOString();
  const queued: AlertKey[] = [];
  for (const [topic, outlets] of deps.followUps ?? []) {
    const key = await createFollowUp(deps.store, family, topic, outlets, now);
    if (key) queued.push(key);
  }
  return queued;
}

export async function ingestItem(item: Article, deps: IngestDeps): Promise<ItemOutcome> {
  const stored = await alreadyStored(item, deps.store);
  if (stored) return stored;
  const membership = await assignStory(item, deps);
  const family = await currentStory(item, membership, deps);
  const story = family.story;
  const hits = deps.topics.match({ title: item.title, text: item.text, source: item.outlet, url: item.url });
  const alertsQueued = [
    ...(await recordMatches(item, family, hits, deps)),
    ...(await recordFollowUps(family, deps)),
  ];
  await deps.store.putItem(item);
  return {
    kind: 'new',
    itemId: item.id,
    title: item.title,
    outlet: item.outlet,
    story,
    membership,
    hits,
    alertsQueued,
  };
}

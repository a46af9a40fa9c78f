/** Read side: what the HTTP API and the CLI answer. */
import type { Article, FeedState, Membership, Story, TopicMatch } from '../model.ts';
import type { Store } from '../ports.ts';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export interface StoryMember extends Membership {
  title?: string;
  outlet?: string;
  url?: string;
  published?: string;
  firstSeen?: string;
}

export interface StoryDetail {
  story: Story;
  members: StoryMember[];
  matches: TopicMatch[];
}

function memberView(m: Membership, item: Article | undefined): StoryMember {
  return {
    ...m,
    title: item?.title,
    outlet: item?.outlet,
    url: item?.url,
    published: item?.published,
    firstSeen: item?.firstSeen,
  };
}

export async function storyDetail(store: Store, storyId: string): Promise<StoryDetail> {
  const story = await store.getStory(storyId);
  if (!story) throw new NotFoundError(`no story with id ${storyId}`);
  const memberships = await store.listMemberships(storyId);
  const items = await Promise.all(memberships.map((m) => store.getItem(m.itemId)));
  const members = memberships
    .map((m, i) => memberView(m, items[i]))
    .sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''));
  return { story, members, matches: await store.listMatchesByStory(storyId) };
}

export function listStories(store: Store, opts: { since?: string; limit?: number }): Promise<Story[]> {
  return store.listStories(opts);
}

export function topicMatches(store: Store, topic: string, opts: { since?: string; limit?: number }) {
  return store.listMatchesByTopic(topic, opts);
}

export function feedHealth(store: Store): Promise<FeedState[]> {
  return store.listFeedStates();
}

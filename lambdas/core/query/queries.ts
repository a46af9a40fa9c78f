/** Read side: what the HTTP API and the CLI answer. */
import type { Article, FeedState, Membership, Story, TopicMatch } from '../model.ts';
import type { Store } from '../ports.ts';
import { familyOf, storyFamily } from '../stories/family.ts';

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

/** A story as readers get it: the ranks behind its first reporter and headline stay internal. */
export type StoryView = Omit<Story, 'firstRank' | 'headlineRank'>;

function storyView(story: Story): StoryView {
  const { firstRank: _first, headlineRank: _headline, ...view } = story;
  return view;
}

export interface StoryDetail {
  story: StoryView;
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

/** The story as it reads now: asked for by a merged-away id, the story it was merged into. */
export async function storyDetail(store: Store, storyId: string): Promise<StoryDetail> {
  const family = await storyFamily(store, storyId);
  if (!family) throw new NotFoundError(`no story with id ${storyId}`);
  const memberships = (await Promise.all(family.ids.map((id) => store.listMemberships(id)))).flat();
  const items = await Promise.all(memberships.map((m) => store.getItem(m.itemId)));
  const members = memberships
    .map((m, i) => memberView(m, items[i]))
    .sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''));
  const matches = (await Promise.all(family.ids.map((id) => store.listMatchesByStory(id)))).flat();
  return { story: storyView(family.story), members, matches };
}

/** Merged-away stories are left out; the stories they were merged into carry their members. */
export async function listStories(
  store: Store,
  opts: { since?: string; limit?: number },
): Promise<StoryView[]> {
  const live = (await store.listStories(opts)).filter((s) => !s.mergedInto);
  return Promise.all(live.map(async (s) => storyView((await familyOf(store, s)).story)));
}

export function topicMatches(store: Store, topic: string, opts: { since?: string; limit?: number }) {
  return store.listMatchesByTopic(topic, opts);
}

export function feedHealth(store: Store): Promise<FeedState[]> {
  return store.listFeedStates();
}

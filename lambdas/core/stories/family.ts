/**
 * A story the clusterer merged into another lives on as a record pointing at the survivor, so
 * nothing stored is rewritten. Readers see the survivor with everything merged into it.
 */
import type { Story } from '../model.ts';
import type { Store } from '../ports.ts';

export interface StoryFamily {
  /** The survivor, with its merged stories' outlets, members and first sighting folded in. */
  story: Story;
  /** The survivor's id first, then every story merged into it. */
  ids: string[];
}

/** Chains are short (each merge needs an item that bridges two live stories); caps guard a bad store. */
const MAX_HOPS = 8;
const MAX_STORIES = 64;

export async function storyFamily(store: Store, storyId: string): Promise<StoryFamily | undefined> {
  const story = await store.getStory(storyId);
  return story && familyOf(store, story);
}

/** The family of a story already read: no further reads unless it took part in a merge. */
/** `store` may be any reader of story records: the stage passes the ones it holds in memory. */
export async function familyOf(store: Pick<Store, 'getStory'>, story: Story): Promise<StoryFamily> {
  const root = await survivorOf(store, story);
  const members: Story[] = [];
  const seen = new Set([root.id]);
  let frontier = root.mergedFrom ?? [];
  while (frontier.length > 0 && seen.size < MAX_STORIES) {
    const fresh = frontier.filter((id) => !seen.has(id)).slice(0, MAX_STORIES - seen.size);
    for (const id of fresh) seen.add(id);
    const found = (await Promise.all(fresh.map((id) => store.getStory(id)))).filter((s) => s !== undefined);
    members.push(...found);
    frontier = found.flatMap((s) => s.mergedFrom ?? []);
  }
  return { story: combined(root, members), ids: [...seen] };
}

async function survivorOf(store: Pick<Store, 'getStory'>, story: Story): Promise<Story> {
  let current = story;
  for (let hop = 0; hop < MAX_HOPS && current.mergedInto; hop++) {
    const next = await store.getStory(current.mergedInto);
    if (!next) break;
    current = next;
  }
  return current;
}

/** First reporter and headline by the same rule as for a single story (credit.ts), over all of them. */
function combined(root: Story, merged: readonly Story[]): Story {
  if (merged.length === 0) return root;
  // A record the merge created before its story's first item was stored has no sighting yet.
  const all = [root, ...merged].filter((s) => s.firstSeen);
  const first = ranked(all, (s) => s.firstRank) ?? root;
  const headliner = ranked(all, (s) => s.headlineRank) ?? root;
  const outlets = [...new Set(all.flatMap((s) => s.outlets))].sort();
  const published = all.flatMap((s) => (s.firstPublished ? [s.firstPublished] : [])).sort()[0];
  return {
    ...root,
    headline: headliner.headline,
    headlineRank: headliner.headlineRank,
    firstOutlet: first.firstOutlet,
    firstItemId: first.firstItemId,
    firstRank: first.firstRank,
    firstSeen: all.map((s) => s.firstSeen).sort()[0] ?? root.firstSeen,
    ...(published ? { firstPublished: published } : {}),
    outlets,
    outletCount: outlets.length,
    memberCount: all.reduce((sum, s) => sum + s.memberCount, 0),
    updatedAt:
      all
        .map((s) => s.updatedAt)
        .sort()
        .at(-1) ?? root.updatedAt,
    mergedFrom: merged.map((s) => s.id).sort(),
  };
}

/** The story whose rank sorts first; stories stored before ranks existed have none and never win. */
function ranked(stories: readonly Story[], rank: (s: Story) => string | undefined): Story | undefined {
  let best: Story | undefined;
  for (const s of stories) {
    const r = rank(s);
    if (r !== undefined && (best === undefined || r < (rank(best) as string))) best = s;
  }
  return best;
}

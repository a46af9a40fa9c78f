/**
 * Stories: written whole by the story stage (their only writer, core/stage/), read by id, and
 * listed by day partition.
 */
import type { Story } from '../../../core/model.ts';
import type { Store } from '../../../core/ports.ts';
import { keys } from '../keys.ts';
import { GSI, type Row, StoreError, strip, type Table } from './table.ts';

const DAY_MS = 86_400_000;
/** How far back story listings look when the caller gives no `since`. */
const DEFAULT_LIST_DAYS = 7;

export type StoryRecords = Pick<Store, 'getStory' | 'listStories'>;

function toStory(row: Row | undefined): Story | undefined {
  if (!row) return undefined;
  const outlets = [...((row.outlets as Set<string> | undefined) ?? [])].sort();
  const mergedFrom = row.mergedFrom as Set<string> | undefined;
  const story = strip<Story>(row, ['outlets', 'mergedFrom']);
  if (!story) return undefined;
  return {
    ...story,
    outlets,
    outletCount: outlets.length,
    ...(mergedFrom ? { mergedFrom: [...mergedFrom].sort() } : {}),
  };
}

/** A story record as the stage writes it: whole, sets for what the listings read as sets. */
export function storyRow(story: Story): Row {
  const { outlets, mergedFrom, ...rest } = story;
  return {
    ...keys.story(story.id),
    gsi1pk: keys.storiesDay(story.firstSeen),
    gsi1sk: `${story.firstSeen}#${story.id}`,
    kind: 'story',
    ...rest,
    outlets: new Set(outlets),
    ...(mergedFrom && mergedFrom.length > 0 ? { mergedFrom: new Set(mergedFrom) } : {}),
  };
}

export function storyRecords({ clock, get, queryAll }: Table): StoryRecords {
  return {
    async getStory(storyId) {
      return toStory(await get(keys.story(storyId)));
    },

    async listStories({ since, limit = 100 }) {
      const now = clock.now().getTime();
      const from = since ? Date.parse(since) : now - DEFAULT_LIST_DAYS * DAY_MS;
      if (Number.isNaN(from)) throw new StoreError(`invalid 'since' timestamp: ${since}`);
      const stories: Story[] = [];
      // Newest day first, so `limit` keeps the most recent stories.
      for (let day = now; day >= from - DAY_MS && stories.length < limit; day -= DAY_MS) {
        const rows = await queryAll(
          {
            IndexName: GSI,
            KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :from',
            ExpressionAttributeValues: {
              ':p': keys.storiesDay(new Date(day).toISOString()),
              ':from': new Date(from).toISOString(),
            },
            ScanIndexForward: false,
          },
          limit - stories.length,
        );
        stories.push(...rows.map((r) => toStory(r) as Story));
      }
      return stories;
    },
  };
}

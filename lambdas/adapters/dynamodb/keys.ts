/**
 * Key builders for every record kind in the single table. One place, so the access patterns in
 * docs/architecture.md can be checked against the code.
 */
import { createHash } from 'node:crypto';

const STORIES_BY_DAY = 'STORIES#';

export const keys = {
  feed: (feedId: string) => ({ pk: `FEED#${feedId}`, sk: 'STATE' }),
  feedList: () => 'FEEDS',
  item: (itemId: string) => ({ pk: `ITEM#${itemId}`, sk: 'ITEM' }),
  /** URLs can exceed DynamoDB's 2 KB key limit, so the key holds their hash. */
  itemUrl: (url: string) => ({ pk: `URL#${createHash('sha256').update(url).digest('hex')}`, sk: 'URL' }),
  story: (storyId: string) => ({ pk: `STORY#${storyId}`, sk: 'STORY' }),
  /** Stories are listed by day partitions so no single partition takes every write. */
  storiesDay: (iso: string) => `${STORIES_BY_DAY}${iso.slice(0, 10)}`,
  /** Kept under the item so a retried ingest finds the item's story with one read. */
  member: (itemId: string) => ({ pk: `ITEM#${itemId}`, sk: 'MEMBER' }),
  storyMembers: (storyId: string) => `MEMBERS#${storyId}`,
  match: (storyId: string, topic: string, itemId: string) => ({
    pk: `STORY#${storyId}`,
    sk: `MATCH#${topic}#${itemId}`,
  }),
  topicMatches: (topic: string) => `TOPIC#${topic}`,
  /** A follow-up sorts after its story's first alerts: `ALERT+<outlets>#<topic>`. */
  alert: ({ storyId, topic, outlets }: { storyId: string; topic: string; outlets?: number }) => ({
    pk: `STORY#${storyId}`,
    sk: outlets === undefined ? `ALERT#${topic}` : `ALERT+${outlets}#${topic}`,
  }),
  /** Few, and read all at once: one partition. */
  parked: (itemId: string) => ({ pk: 'PARKED', sk: `ITEM#${itemId}` }),
  /** Sparse index partition: only intents not yet sent carry it. */
  pendingAlerts: () => 'OUTBOX#PENDING',
} as const;

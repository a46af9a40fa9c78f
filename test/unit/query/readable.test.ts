import { describe, expect, it } from 'vitest';
import { byPublishTime } from '../../../lambdas/core/query/listing.ts';
import type { StoryView } from '../../../lambdas/core/query/queries.ts';
import { readableSpan, relativeTime } from '../../../lambdas/core/query/readable.ts';

describe('times as a reader glances at them', () => {
  const now = new Date('2026-11-10T12:00:00Z');

  it('says a length of time in its two largest units', () => {
    expect(readableSpan(0)).toBe('0 min');
    expect(readableSpan(35 * 60_000)).toBe('35 min');
    expect(readableSpan(95 * 60_000)).toBe('1 h 35 min');
    expect(readableSpan(3 * 3_600_000)).toBe('3 h');
    expect(readableSpan(47 * 3_600_000)).toBe('47 h');
    expect(readableSpan(51 * 3_600_000)).toBe('2 d 3 h');
  });

  it('says how long ago in one unit, and how far ahead for a clock that runs fast', () => {
    expect(relativeTime('2026-11-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-11-10T11:25:00Z', now)).toBe('35 min ago');
    expect(relativeTime('2026-11-10T08:30:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-11-01T08:00:00Z', now)).toBe('9 d ago');
    expect(relativeTime('2026-11-10T12:20:00Z', now)).toBe('in 20 min');
    expect(relativeTime('not a time', now)).toBe('not a time');
  });
});

describe('the story list by publish time', () => {
  const story = (id: string, firstSeen: string, firstPublished?: string): StoryView => ({
    id,
    headline: id,
    firstSeen,
    firstOutlet: 'O',
    ...(firstPublished ? { firstPublished } : {}),
    outlets: ['O'],
    outletCount: 1,
    memberCount: 1,
    updatedAt: firstSeen,
  });

  it('orders newest published first, breaks ties by first sighting, and filters by publish time', () => {
    const stories = [
      story('seen-late-published-early', '2026-11-10T11:00:00Z', '2026-10-20T08:00:00Z'),
      story('tie-seen-first', '2026-11-10T09:00:00Z', '2026-11-10T08:00:00.000Z'),
      story('tie-seen-later', '2026-11-10T10:00:00Z', '2026-11-10T08:00:00Z'),
      story('undated', '2026-11-09T07:00:00Z'),
    ];
    expect(byPublishTime(stories).map((s) => s.id)).toEqual([
      'tie-seen-later',
      'tie-seen-first',
      'undated',
      'seen-late-published-early',
    ]);
    expect(byPublishTime(stories, '2026-11-01T00:00:00.000Z').map((s) => s.id)).toEqual([
      'tie-seen-later',
      'tie-seen-first',
      'undated',
    ]);
  });
});

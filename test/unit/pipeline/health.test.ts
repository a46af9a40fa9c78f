import { describe, expect, it } from 'vitest';
import type { AlertIntent, FeedState } from '../../../lambdas/core/model.ts';
import { alertsOverdue, feedsFailing } from '../../../lambdas/core/pipeline/health.ts';

const now = new Date('2026-12-01T12:00:00Z');
const thresholds = { failingFeedHours: 6, pendingAlertMinutes: 30, scheduleIntervalMs: 15 * 60_000 };
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

const feed = (feedId: string, state: Partial<FeedState>): FeedState => ({
  feedId,
  url: `https://${feedId}.test/rss`,
  consecutiveFailures: 0,
  ...state,
});

const intent = (mode: AlertIntent['mode'], createdAt: string, dueAt: string) =>
  ({ storyId: 's', topic: 't', mode, createdAt, dueAt, status: 'pending' }) as AlertIntent;

describe('pipeline health', () => {
  it('reports feeds failing since their last success for longer than the threshold', () => {
    const states = [
      feed('healthy', { lastSuccessAt: hoursAgo(0.2) }),
      feed('flaky', { lastSuccessAt: hoursAgo(2), consecutiveFailures: 3 }),
      feed('broken', { lastSuccessAt: hoursAgo(7), consecutiveFailures: 20 }),
      // Recovered: an old success no longer counts once a fetch succeeds again.
      feed('recovered', { lastSuccessAt: hoursAgo(0.1), lastErrorAt: hoursAgo(8) }),
    ];
    expect(feedsFailing(states, now, thresholds)).toEqual(['broken']);
  });

  it('measures a feed that never succeeded by its failures times the schedule', () => {
    const states = [feed('new-typo', { consecutiveFailures: 4 }), feed('dead', { consecutiveFailures: 30 })];
    expect(feedsFailing(states, now, thresholds)).toEqual(['dead']);
  });

  it('counts alerts pending past their due time, a digest from its hour rather than its creation', () => {
    const pending = [
      intent('instant', hoursAgo(0.1), hoursAgo(0.1)),
      intent('instant', hoursAgo(1), hoursAgo(1)),
      intent('digest daily', hoursAgo(20), hoursAgo(-4)),
      intent('digest hourly', hoursAgo(3), hoursAgo(2)),
    ];
    expect(alertsOverdue(pending, now, thresholds)).toBe(2);
  });
});

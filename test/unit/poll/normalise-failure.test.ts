import { describe, expect, it, vi } from 'vitest';
import { pollFeed } from '../../../lambdas/core/feeds/poll.ts';
import { FakeArchive, FakeClock, FakeHttp, ok } from './fakes.ts';

// Stands in for a normaliser bug that some item's content triggers.
vi.mock('../../../lambdas/core/feeds/normalise.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  normaliseItem: () => {
    throw new RangeError('Invalid time value');
  },
}));

describe('pollFeed when normalising an item throws', () => {
  it('fails this feed with the error instead of throwing out of the run', async () => {
    const url = 'https://news.example/feed.xml';
    const http = new FakeHttp();
    http.answers.set(
      url,
      ok(url, '<rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>'),
    );
    const deps = { http, archive: new FakeArchive(), clock: new FakeClock(new Date('2026-11-22T08:00:00Z')) };
    const result = await pollFeed({ id: 'f', url }, undefined, deps);
    expect(result.outcome).toBe('failed');
    expect(result.error).toEqual({ kind: 'internal', message: 'RangeError: Invalid time value' });
    expect(result.state.consecutiveFailures).toBe(1);
  });
});

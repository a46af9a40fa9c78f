import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lambdas/core/model.ts';
import { creditOf } from '../../../lambdas/core/stories/credit.ts';

function copy(id: string, outlet: string, over: Partial<Article> = {}): Article {
  return {
    id,
    feedId: outlet,
    title: `${outlet} headline`,
    text: 'Plans to enlarge the Larkspur container terminal were put on hold on Monday.',
    categories: [],
    firstSeen: '2026-10-20T14:00:00.000Z',
    outlet,
    contentHash: `h-${id}`,
    ...over,
  };
}

/** The member the rule credits, as the store's minimum finds it. */
const creditedBy = (rank: 'firstRank' | 'headlineRank', items: Article[]) =>
  [...items].sort((a, b) => (creditOf(a)[rank] < creditOf(b)[rank] ? -1 : 1))[0];

describe('who a story is credited to', () => {
  it('credits the earliest published copy, not the one seen first', () => {
    const herald = copy('h', 'Harbour Herald', {
      published: '2026-10-20T08:15:00.000Z',
      firstSeen: '2026-10-20T16:00:00.000Z',
    });
    const ledger = copy('l', 'Metro Ledger', { published: '2026-10-20T13:00:00.000Z' });
    expect(creditedBy('firstRank', [ledger, herald])).toBe(herald);
  });

  it('compares instants, whatever offset the feed wrote them with', () => {
    const zoned = copy('z', 'Zurich Post', { published: '2026-10-20T10:00:00+02:00' });
    const utc = copy('u', 'Harbour Herald', { published: '2026-10-20T08:30:00.000Z' });
    expect(creditedBy('firstRank', [utc, zoned])).toBe(zoned);
    expect(creditOf(zoned).published).toBe('2026-10-20T08:00:00.000Z');
  });

  it('ranks undated copies after dated ones, by when they were first seen', () => {
    const undatedEarly = copy('a', 'Blog', { firstSeen: '2026-10-19T00:00:00.000Z' });
    const undatedLate = copy('b', 'Aggregator', { firstSeen: '2026-10-21T00:00:00.000Z' });
    const dated = copy('c', 'Metro Ledger', { published: '2026-10-20T13:00:00.000Z' });
    expect(creditedBy('firstRank', [undatedEarly, undatedLate, dated])).toBe(dated);
    expect(creditedBy('firstRank', [undatedLate, undatedEarly])).toBe(undatedEarly);
    expect(creditOf(undatedEarly).published).toBeUndefined();
  });

  it('breaks a tie by outlet name, then by item id', () => {
    const at = { published: '2026-10-20T08:15:00.000Z' };
    const ledger = copy('a', 'Metro Ledger', at);
    const metro = copy('z', 'Metro', at);
    const metroAgain = copy('y', 'Metro', at);
    expect(creditedBy('firstRank', [ledger, metro, metroAgain])).toBe(metroAgain);
  });
});

describe('the headline a story carries', () => {
  it('is the title of the first reporter that has one', () => {
    const untitled = copy('u', 'Wire', { title: '  ', published: '2026-10-20T08:00:00.000Z' });
    const herald = copy('h', 'Harbour Herald', { published: '2026-10-20T08:15:00.000Z' });
    const ledger = copy('l', 'Metro Ledger', { published: '2026-10-20T13:00:00.000Z' });
    expect(creditedBy('firstRank', [ledger, herald, untitled])).toBe(untitled);
    expect(creditedBy('headlineRank', [ledger, herald, untitled])).toBe(herald);
    expect(creditOf(herald).headline).toBe('Harbour Herald headline');
  });

  it('is never empty: untitled copies give their opening words, or name their outlet', () => {
    const opening = creditOf(copy('u', 'Wire', { title: '' })).headline;
    expect(opening).toBe('Plans to enlarge the Larkspur container terminal were put on hold on Monday.');
    const long = creditOf(copy('v', 'Wire', { title: '', text: 'word '.repeat(40) })).headline;
    expect(long.length).toBeLessThanOrEqual(91);
    expect(long).toMatch(/^word( word)*…$/);
    expect(creditOf(copy('w', 'Wire', { title: '', text: '' })).headline).toBe('Untitled report from Wire');
  });
});

import { describe, expect, it } from 'vitest';
import { pageTextHash } from '../../../lambdas/core/feeds/interstitial.ts';
import { pollFeed } from '../../../lambdas/core/feeds/poll.ts';
import type { FeedSpec } from '../../../lambdas/core/model.ts';
import { FakeArchive, FakeClock, FakeHttp, ok } from './fakes.ts';

const FEED_URL = 'https://outlet.example/feed.xml';
const FEED: FeedSpec = { id: 'outlet', url: FEED_URL };
const NOW = new Date('2026-11-22T08:00:00.000Z');

const CONSENT = (ref: string) => `<html><body><main><h1>We value your privacy</h1>
<p>We and our 842 partners store and access information on your device, such as cookies, and process personal data such as unique identifiers for personalised advertising and content, measurement of advertising and audience research.</p>
<p>You may click to consent to our and our partners' processing as described above. Alternatively you may access more detailed information and change your preferences before consenting or refuse to consent. Reference ${ref}.</p>
<p><button>Accept all</button> <button>Reject all</button></p></main></body></html>`;

function article(paragraphs: string[]): string {
  return `<html><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}
const FERRY = article([
  'The ferry operator said on Monday that winter crossings to the Skarn islands will resume next week after the new pier passed inspection.',
  'Islanders have relied on a single small boat since October, when a storm damaged the old pier and cut the main route for six weeks.',
  'Timetables return to normal by the end of the month, the operator said, and fares stay at last year’s level until the spring.',
]);
const MUSEUM = article([
  'The city museum will close its east wing for eighteen months while the roof is replaced, the director told the council on Tuesday.',
  'The collection of maritime paintings moves to the library in the meantime, and school visits continue in the west galleries.',
  'Contractors start in January; the budget of 4.2 million was approved last year after two winters of leaks damaged the archive.',
]);

function rss(items: Array<{ guid: string; title: string; slug: string; summary: string }>): string {
  const body = items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://outlet.example/${i.slug}</link><description>${i.summary}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>${body}</channel></rss>`;
}

const FERRY_ITEM = {
  guid: 'f1',
  title: 'Ferries return',
  slug: 'ferries',
  summary: 'Winter crossings resume next week…',
};
const MUSEUM_ITEM = {
  guid: 'm1',
  title: 'Museum wing closes',
  slug: 'museum',
  summary: 'The east wing shuts for repairs…',
};

function setup(feedBody: string, pages: Record<string, string>) {
  const http = new FakeHttp();
  http.answers.set(FEED_URL, ok(FEED_URL, feedBody, { 'content-type': 'application/rss+xml' }));
  for (const [slug, html] of Object.entries(pages)) {
    const url = `https://outlet.example/${slug}`;
    http.answers.set(url, ok(url, html, { 'content-type': 'text/html' }));
  }
  return { http, deps: { http, archive: new FakeArchive(), clock: new FakeClock(NOW) } };
}

describe('pollFeed: interstitial pages', () => {
  it('keeps the feed summaries of two items whose different URLs serve the same consent page', async () => {
    const { deps } = setup(rss([FERRY_ITEM, MUSEUM_ITEM]), {
      ferries: CONSENT('18.ab12'),
      museum: CONSENT('18.cd34'),
    });
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.items.map((a) => a.text)).toEqual([FERRY_ITEM.summary, MUSEUM_ITEM.summary]);
    expect(result.pageErrors?.map((e) => [e.url, e.kind])).toEqual(
      expect.arrayContaining([
        ['https://outlet.example/ferries', 'interstitial'],
        ['https://outlet.example/museum', 'interstitial'],
      ]),
    );
    expect(result.pageErrors?.[0]?.message).toMatch(/same as 1 other article page/);
    // Remembered without a URL: it is nobody's article from now on.
    expect(result.state.recentPageTexts).toEqual([{ hash: expect.any(String) }]);
  });

  it('leaves real article pages that differ per URL alone, and remembers each with its URL', async () => {
    const { deps } = setup(rss([FERRY_ITEM, MUSEUM_ITEM]), { ferries: FERRY, museum: MUSEUM });
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.pageErrors).toBeUndefined();
    expect(result.items[0]?.text).toMatch(/^The ferry operator said on Monday/);
    expect(result.items[1]?.text).toMatch(/^The city museum will close/);
    expect(result.state.recentPageTexts?.map((s) => s.url)).toEqual([
      'https://outlet.example/ferries',
      'https://outlet.example/museum',
    ]);
  });

  it('catches a single item served the page an earlier poll read for another URL', async () => {
    const first = setup(rss([FERRY_ITEM]), { ferries: CONSENT('1') });
    const polled = await pollFeed(FEED, undefined, first.deps);
    // Alone in its poll, the wall cannot be told from an article yet.
    expect(polled.pageErrors).toBeUndefined();
    const hash = polled.state.recentPageTexts?.[0]?.hash;
    expect(polled.state.recentPageTexts).toEqual([{ hash, url: 'https://outlet.example/ferries' }]);

    const second = setup(rss([MUSEUM_ITEM]), { museum: CONSENT('2') });
    const result = await pollFeed(FEED, polled.state, second.deps);
    expect(result.items[0]?.text).toBe(MUSEUM_ITEM.summary);
    expect(result.pageErrors).toEqual([
      expect.objectContaining({ url: 'https://outlet.example/museum', kind: 'interstitial' }),
    ]);
    expect(result.pageErrors?.[0]?.message).toMatch(/earlier poll/);
    expect(result.state.recentPageTexts).toEqual([{ hash }]);

    // From then on the text is an interstitial for every URL, the first one's included.
    const third = setup(rss([{ ...FERRY_ITEM, guid: 'f2' }]), { ferries: CONSENT('3') });
    const again = await pollFeed(FEED, result.state, third.deps);
    expect(again.pageErrors?.map((e) => e.kind)).toEqual(['interstitial']);
  });

  it('does not flag the same URL read again in a later poll', async () => {
    const first = setup(rss([FERRY_ITEM]), { ferries: FERRY });
    const polled = await pollFeed(FEED, undefined, first.deps);
    const second = setup(rss([{ ...FERRY_ITEM, title: 'Ferries return next week' }]), { ferries: FERRY });
    const result = await pollFeed(FEED, polled.state, second.deps);
    expect(result.pageErrors).toBeUndefined();
    expect(result.items[0]?.text).toMatch(/^The ferry operator/);
  });

  it('keeps the summary when the page reads shorter than it', async () => {
    const summary = `${MUSEUM.replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()} The director expects the wing to reopen in the summer after next.`;
    const { deps } = setup(rss([{ ...MUSEUM_ITEM, summary }]), { museum: MUSEUM });
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.items[0]?.text).toBe(summary);
    expect(result.pageErrors?.map((e) => e.kind)).toEqual(['short-page']);
  });

  it('bounds the remembered page texts', async () => {
    const items = Array.from({ length: 120 }, (_, n) => ({
      guid: `g${n}`,
      title: `Item ${n}`,
      slug: `item-${n}`,
      summary: 'A teaser…',
    }));
    const pages = Object.fromEntries(
      items.map((i, n) => [
        i.slug,
        article([
          `${'Harbour council report number '.repeat(3)} ${['alpha', 'beta', 'gamma', 'delta'][n % 4]} ${'x'.repeat(n + 1)} closes the matter for the season.`,
        ]),
      ]),
    );
    const { deps } = setup(rss(items), pages);
    const result = await pollFeed(FEED, undefined, deps);
    expect(result.pageErrors).toBeUndefined();
    expect(result.state.recentPageTexts).toHaveLength(100);
  });
});

describe('pageTextHash', () => {
  it('ignores case, punctuation, links and words with digits, not the words themselves', () => {
    const wall = 'We value your privacy. Reference #18.2f4c1a, https://outlet.example/a?x=1';
    expect(pageTextHash(wall)).toBe(
      pageTextHash('we value YOUR privacy — reference #19.77ab https://outlet.example/b'),
    );
    expect(pageTextHash(wall)).not.toBe(pageTextHash('We value your privacy policy. Reference #18.2f4c1a'));
  });
});

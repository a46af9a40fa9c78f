import { describe, expect, it } from 'vitest';
import { isSummaryOnly, normaliseItem } from '../../../lambdas/core/feeds/normalise.ts';
import type { RawFeedItem } from '../../../lambdas/core/feeds/types.ts';
import type { FeedSpec } from '../../../lambdas/core/model.ts';

const feed: FeedSpec = { id: 'gazette', url: 'https://www.news.example.org/rss' };
const now = new Date('2025-07-12T00:00:00.000Z');
const ctx = { feed, feedTitle: 'Harbour Gazette', feedUrl: feed.url, feedLanguage: 'en-gb', now };

const raw: RawFeedItem = {
  guid: 'gazette-4711',
  link: 'https://news.example.org/2025/07/ferry/?utm_source=rss#top',
  title: 'Ferry strike ends',
  summary: 'Crews return.',
  contentHtml: '<p>Crews return after three days.</p><p>Talks continue.</p>',
  author: 'Mara Quill',
  categories: ['Transport'],
  published: '2025-07-11T07:30:00.000Z',
};

describe('normaliseItem', () => {
  it('builds the Article from a raw item', () => {
    const a = normaliseItem(raw, ctx);
    expect(a).toMatchObject({
      feedId: 'gazette',
      guid: 'gazette-4711',
      url: 'https://news.example.org/2025/07/ferry',
      title: 'Ferry strike ends',
      summary: 'Crews return.',
      text: 'Crews return after three days.\nTalks continue.',
      author: 'Mara Quill',
      categories: ['Transport'],
      published: '2025-07-11T07:30:00.000Z',
      firstSeen: '2025-07-12T00:00:00.000Z',
      lang: 'en-GB',
      outlet: 'Harbour Gazette',
    });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the id stable across edits and runs, and changes the content hash on an edit', () => {
    const first = normaliseItem(raw, ctx);
    const later = normaliseItem(
      { ...raw, title: 'Ferry strike ends after talks' },
      { ...ctx, now: new Date() },
    );
    expect(later.id).toBe(first.id);
    expect(later.contentHash).not.toBe(first.contentHash);
    expect(normaliseItem(raw, { ...ctx, feed: { ...feed, id: 'other' } }).id).not.toBe(first.id);
  });

  it('falls back to the canonical URL, then the title, for the id', () => {
    const noGuid = { ...raw, guid: undefined };
    const viaTracking = { ...noGuid, link: 'https://news.example.org/2025/07/ferry?fbclid=1' };
    expect(normaliseItem(noGuid, ctx).id).toBe(normaliseItem(viaTracking, ctx).id);
    const bare: RawFeedItem = { title: 'Only a title', categories: [] };
    expect(normaliseItem(bare, ctx).id).toBe(normaliseItem({ ...bare, summary: 'x' }, ctx).id);
  });

  it('drops a published date more than a day in the future, keeps one within the day', () => {
    expect(normaliseItem({ ...raw, published: '2025-07-14T00:00:00.000Z' }, ctx).published).toBeUndefined();
    expect(normaliseItem({ ...raw, published: '2025-07-12T20:00:00.000Z' }, ctx).published).toBe(
      '2025-07-12T20:00:00.000Z',
    );
  });

  it('uses the updated date when there is no published date, and none when neither exists', () => {
    const updatedOnly = { ...raw, published: undefined, updated: '2025-07-10T00:00:00.000Z' };
    expect(normaliseItem(updatedOnly, ctx).published).toBe('2025-07-10T00:00:00.000Z');
    expect(normaliseItem({ ...raw, published: undefined }, ctx).published).toBeUndefined();
  });

  it('names the outlet from config, then the feed title, then the host', () => {
    expect(normaliseItem(raw, { ...ctx, feed: { ...feed, outlet: 'The Gazette' } }).outlet).toBe(
      'The Gazette',
    );
    expect(normaliseItem(raw, { ...ctx, feedTitle: undefined }).outlet).toBe('news.example.org');
  });

  it('uses the summary as text when there is no content, and a title from the text when none', () => {
    const a = normaliseItem({ summary: 'First line here\nsecond', categories: [] }, ctx);
    expect(a.text).toBe('First line here\nsecond');
    expect(a.title).toBe('First line here');
  });

  it("prefers the item's language over the feed's", () => {
    expect(normaliseItem({ ...raw, lang: 'DE_at' }, ctx).lang).toBe('de-AT');
  });
});

describe('isSummaryOnly', () => {
  const long = `<p>${'A full paragraph of reporting. '.repeat(30)}</p>`;

  it('is true without content, with short content, or content no longer than the summary', () => {
    expect(isSummaryOnly({ summary: 'teaser', categories: [] })).toBe(true);
    expect(isSummaryOnly({ contentHtml: '<p>Short teaser.</p>', categories: [] })).toBe(true);
    const text = 'A full paragraph of reporting. '.repeat(30).trim();
    expect(isSummaryOnly({ contentHtml: long, summary: text, categories: [] })).toBe(true);
  });

  it('is true for a "read more" stub and false for full content', () => {
    expect(isSummaryOnly({ contentHtml: `${long}<p>Continue reading…</p>`, categories: [] })).toBe(true);
    expect(isSummaryOnly({ contentHtml: long, summary: 'teaser', categories: [] })).toBe(false);
  });
});

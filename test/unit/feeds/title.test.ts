import { describe, expect, it } from 'vitest';
import { normaliseItem } from '../../../lambdas/core/feeds/normalise.ts';
import { cutAtWord, deriveTitle, firstSentence, titleFromUrl } from '../../../lambdas/core/feeds/title.ts';
import type { RawFeedItem } from '../../../lambdas/core/feeds/types.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import { creditOf } from '../../../lambdas/core/stories/credit.ts';

const feed = { id: 'gazette', url: 'https://news.example.org/rss' };
const ctx = { feed, feedTitle: 'Harbour Gazette', feedUrl: feed.url, now: new Date('2026-11-22T08:00:00Z') };
const item = (over: Partial<RawFeedItem>): Article => normaliseItem({ categories: [], ...over }, ctx);

describe('untitled items get a title at normalisation', () => {
  it('takes the first sentence of the text, and records that it was derived', () => {
    const a = item({
      link: 'https://news.example.org/2026/11/larkspur-strike-ends',
      summary: 'Dock workers at Larkspur voted to end their strike. The port reopens on Monday.',
    });
    expect(a.title).toBe('Dock workers at Larkspur voted to end their strike.');
    expect(a.titleDerived).toBe('text');
  });

  it('treats a whitespace-only title as none', () => {
    const a = item({ title: ' \n\t ', summary: 'The ferry runs again.' });
    expect(a.title).toBe('The ferry runs again.');
    expect(a.titleDerived).toBe('text');
  });

  it('cuts a long first sentence at a word boundary to about 90 characters, with an ellipsis', () => {
    const text =
      'The harbour authority said on Tuesday that the long-delayed expansion of the Larkspur container terminal would go ahead after the regional court dismissed the last appeal.';
    const a = item({ summary: text });
    expect(a.title.length).toBeLessThanOrEqual(90);
    expect(a.title).toBe(
      'The harbour authority said on Tuesday that the long-delayed expansion of the Larkspur…',
    );
    expect(text.startsWith(a.title.slice(0, -1))).toBe(true);
  });

  it('de-slugs the URL when there is no text', () => {
    const a = item({ link: 'https://news.example.org/2026/11/larkspur-strike-ends/' });
    expect(a.title).toBe('Larkspur strike ends');
    expect(a.titleDerived).toBe('url');
  });

  it('says whose untitled report it is when there is neither text nor a readable URL', () => {
    const a = item({ guid: 'x1', link: 'https://news.example.org/a/918273645' });
    expect(a.title).toBe('Untitled report from Harbour Gazette');
    expect(a.titleDerived).toBe('outlet');
    expect(item({ guid: 'x2' }).title).toBe('Untitled report from Harbour Gazette');
  });

  it("keeps a feed's own title untouched and unmarked", () => {
    const a = item({ title: 'Ferry strike ends', summary: 'Crews return. Talks continue.' });
    expect(a.title).toBe('Ferry strike ends');
    expect(a.titleDerived).toBeUndefined();
  });

  it('keeps the id and content hash untitled items had before titles were derived', () => {
    const a = item({ summary: 'First line here\nsecond' });
    const titled = item({ title: 'First line here', summary: 'First line here\nsecond' });
    expect(a.id).toBe(titled.id);
    expect(a.contentHash).toBe(titled.contentHash);
  });
});

describe('title helpers', () => {
  it('does not end a sentence at an abbreviation or initial', () => {
    expect(firstSentence('Mr. Brandt met U.S. officials in St. Ives on Friday. Talks went on.')).toBe(
      'Mr. Brandt met U.S. officials in St. Ives on Friday.',
    );
    expect(firstSentence('\n  Is the ferry back? Yes, from Monday.')).toBe('Is the ferry back?');
    expect(firstSentence('No sentence end at all')).toBe('No sentence end at all');
  });

  it('reads slugs in the last readable segment, skipping ids, extensions and generic names', () => {
    expect(titleFromUrl('https://x.example/news/larkspur-strike-ends.html')).toBe('Larkspur strike ends');
    expect(titleFromUrl('https://x.example/ferry_fares_rise/index.html')).toBe('Ferry fares rise');
    expect(titleFromUrl('https://x.example/2026/11/22/museum-wing-closes-4471823')).toBe(
      'Museum wing closes',
    );
    expect(titleFromUrl('https://x.example/m%C3%BCnster-tram-opens')).toBe('Münster tram opens');
    expect(titleFromUrl('https://x.example/')).toBeUndefined();
    expect(titleFromUrl('https://x.example/article/8f3a9c2e11')).toBeUndefined();
  });

  it('cuts without a dangling comma or dash', () => {
    expect(cutAtWord('one two three, four five', 16)).toBe('one two three…');
    expect(cutAtWord('short', 90)).toBe('short');
  });

  it('never returns an empty title', () => {
    for (const [text, url] of [
      ['', undefined],
      ['   ', 'https://x.example/'],
      ['\n\n', 'not a url'],
    ] as const)
      expect(deriveTitle(text, url, 'Metro Ledger').title).toBe('Untitled report from Metro Ledger');
  });
});

describe("a derived title in a story's headline", () => {
  it("yields to any member's own title, and is used when no member has one", () => {
    const base = { feedId: 'f', text: 'Dock workers voted.', categories: [], contentHash: 'h' };
    const untitled: Article = {
      ...base,
      id: 'a',
      outlet: 'Aardvark News',
      title: 'Dock workers voted.',
      titleDerived: 'text',
      published: '2026-11-22T06:00:00Z',
      firstSeen: '2026-11-22T07:00:00Z',
    };
    const titled: Article = {
      ...base,
      id: 'b',
      outlet: 'Zebra Times',
      title: 'Larkspur strike ends',
      published: '2026-11-22T07:00:00Z',
      firstSeen: '2026-11-22T07:00:00Z',
    };
    expect(creditOf(untitled).headlineRank > creditOf(titled).headlineRank).toBe(true);
    expect(creditOf(untitled).firstRank < creditOf(titled).firstRank).toBe(true);
    expect(creditOf(untitled).headline).toBe('Dock workers voted.');
  });
});

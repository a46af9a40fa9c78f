/**
 * The search page's HTML from a result: what a feed wrote stays text (marked, never markup), and
 * the page says when the search stopped short or matched copies whose text was gone.
 */
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../lambdas/core/query/search.ts';
import { searchPage } from '../../../lambdas/core/web/search-page.ts';

const result: SearchResult = {
  query: 'larkspur',
  since: '2026-11-07T00:00:00.000Z',
  read: 40,
  complete: false,
  searchedBack: '2026-11-20T08:15:00.000Z',
  missingTexts: 2,
  stories: [
    {
      story: {
        id: 'st_1',
        headline: 'Larkspur <terminal> approved',
        firstSeen: '2026-11-21T09:00:00.000Z',
        firstOutlet: 'Harbour Herald',
        outlets: ['Harbour Herald'],
        outletCount: 1,
        memberCount: 1,
        updatedAt: '2026-11-21T09:00:00.000Z',
      },
      terms: ['larkspur'],
      copies: [
        {
          itemId: 'i1',
          outlet: 'Harbour Herald',
          title: '<b>Larkspur</b> & co',
          url: 'javascript:alert(1)',
          firstSeen: '2026-11-21T09:00:00.000Z',
          terms: ['larkspur'],
          fields: ['title', 'text'],
          snippet: 'the <script>larkspur</script> docks',
        },
      ],
    },
  ],
};

describe('search page', () => {
  const page = searchPage({ q: 'larkspur', since: '2026-11-07' }, result).body.text;

  it('marks the terms in headlines and snippets, with everything a feed wrote escaped', () => {
    expect(page).toContain('&#60;b&#62;<mark>Larkspur</mark>&#60;/b&#62; &#38; co');
    expect(page).toContain('the &#60;script&#62;<mark>larkspur</mark>&#60;/script&#62; docks');
    expect(page).toContain('Larkspur &#60;terminal&#62; approved</a>');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('href="javascript:');
  });

  it("marks the words a query word matched by stem in the copy's language", () => {
    const [entry] = result.stories;
    const [copy] = entry?.copies ?? [];
    if (!entry || !copy) throw new Error('fixture');
    const german = {
      ...copy,
      lang: 'de',
      title: 'Die Präsidenten',
      snippet: 'des Staates',
      terms: ['präsident', 'staat'],
    };
    const body = searchPage(
      { q: 'präsident', since: '2026-11-07' },
      {
        ...result,
        stories: [{ ...entry, copies: [german] }],
      },
    ).body.text;
    expect(body).toContain('Die <mark>Präsidenten</mark>');
    expect(body).toContain('des <mark>Staates</mark>');
  });

  it('says how far back an unfinished search read, and which copies had no text', () => {
    expect(page).toContain('stopped at stories first seen 2026-11-20 08:15 UTC');
    expect(page).toContain('2 copies have no text in the archive any more');
  });

  it('keeps a time from a shared link selected, beside the usual choices', () => {
    expect(page).toContain('<option value="2026-11-07" selected>since 2026-11-07</option>');
    expect(page).toContain('<option value="30d">last 30 days</option>');
  });

  it('shows only the box before anything is asked', () => {
    const empty = searchPage({ q: '' }, undefined);
    expect(empty.body.text).toContain('<option value="30d" selected>');
    expect(empty.body.text).not.toContain('class="stories results"');
  });
});

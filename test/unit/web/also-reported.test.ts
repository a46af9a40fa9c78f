/** "Also reported in": a story's event in other languages, found on the read side and shown on the story page. */
import { describe, expect, it } from 'vitest';
import type { Story } from '../../../lambdas/core/model.ts';
import { reportsInOtherLanguages } from '../../../lambdas/core/query/also-reported.ts';
import type { StoryDetail } from '../../../lambdas/core/query/queries.ts';
import { storyPage } from '../../../lambdas/core/web/pages.ts';

const at = '2026-11-10T09:00:00.000Z';

function story(
  id: string,
  lang: string,
  headline: string,
  outlets: string[],
  extra: Partial<Story> = {},
): Story {
  return {
    id,
    headline,
    lang,
    firstSeen: at,
    firstOutlet: outlets[0] ?? 'Outlet',
    outlets,
    outletCount: outlets.length,
    memberCount: outlets.length,
    updatedAt: at,
    firstRank: 'rank',
    ...extra,
  };
}

const quakeJa = story('st_ja', 'ja', '北海道でM6.8の地震、死者12人', ['NHK', 'Kyodo']);
const quakeEn = story('st_en', 'en', 'Magnitude 6.8 earthquake kills 12 in Hokkaido', ['Reuters']);
const quakeDe = story('st_de', 'de', 'Erdbeben der Stärke 6,8 in Hokkaido: 12 Tote', ['dpa']);
const natoEn = story('st_nato', 'en', 'NATO ministers meet in Brussels', ['AP']);
const mergedAway = story('st_old', 'en', 'Quake of 6.8 kills 12', ['AFP'], { mergedInto: 'st_en' });

describe('reports in other languages', () => {
  it('reads the stories listed since a day before the story opened, and keeps those of its event', async () => {
    const asked: { since?: string; limit?: number }[] = [];
    const store = {
      listStories: async (opts: { since?: string; limit?: number }) => {
        asked.push(opts);
        return [quakeJa, natoEn, quakeEn, mergedAway, quakeDe];
      },
    };
    const found = await reportsInOtherLanguages(store, quakeJa);
    expect(found.map((s) => s.id)).toEqual(['st_en', 'st_de']);
    expect(asked[0]?.since).toBe('2026-11-09T09:00:00.000Z');
    expect(found[0]).not.toHaveProperty('firstRank');
  });

  it('reads nothing for a story of unknown language', async () => {
    const { lang: _lang, ...unknown } = quakeJa;
    const store = {
      listStories: async () => {
        throw new Error('not to be read');
      },
    };
    expect(await reportsInOtherLanguages(store, unknown)).toEqual([]);
  });
});

const detail: StoryDetail = { story: quakeJa, members: [], matches: [], alerts: [] };

describe('the story page', () => {
  it("shows each other language's story with its headline, language and outlets, linking to it", () => {
    const body = storyPage(detail, [quakeEn, quakeDe]).body.text;
    expect(body).toContain('<h2>Also reported in English, German</h2>');
    expect(body).toContain(
      '<li><a href="/stories/st_en" lang="en" dir="auto">Magnitude 6.8 earthquake kills 12 in Hokkaido</a> · English · 1 outlet: Reuters</li>',
    );
    expect(body).toContain('<a href="/stories/st_de" lang="de" dir="auto">');
  });

  it('has no such section when no other language reports the event', () => {
    expect(storyPage(detail).body.text).not.toContain('Also reported');
  });
});

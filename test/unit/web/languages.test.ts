/** Items in other languages on the reading page: their words in their language, right to left where they are. */
import { describe, expect, it } from 'vitest';
import type { StoryDetail } from '../../../lambdas/core/query/queries.ts';
import { storyPage } from '../../../lambdas/core/web/pages.ts';
import { PAGE_CSS } from '../../../lambdas/core/web/style.ts';

const at = '2026-11-10T09:00:00.000Z';

function detail(lang: string, headline: string): StoryDetail {
  return {
    story: {
      id: 'st_1',
      headline,
      lang,
      firstSeen: at,
      firstOutlet: 'Outlet',
      outlets: ['Outlet'],
      outletCount: 1,
      memberCount: 1,
      updatedAt: at,
    },
    members: [
      {
        storyId: 'st_1',
        itemId: 'it_1',
        isNew: true,
        method: 'new',
        score: 0,
        evidence: {},
        title: headline,
        outlet: 'Outlet',
        firstSeen: at,
        lang,
        firstReport: true,
        reason: 'started the story',
      },
    ],
    matches: [
      {
        topic: 'T',
        storyId: 'st_1',
        itemId: 'it_1',
        terms: ['x'],
        fields: ['text'],
        snippet: headline,
        matchedAt: at,
      },
    ],
    alerts: [],
  };
}

describe('the story page in other languages', () => {
  it("marks the headline, each copy's headline and the snippets with the item's language", () => {
    const body = storyPage(detail('ja', '港見市議会、路面電車の東部延伸を可決')).body.text;
    expect(body).toContain('<h1 lang="ja" dir="auto">港見市議会');
    expect(body).toContain('<p class="headline" lang="ja" dir="auto">');
    expect(body).toContain('<blockquote lang="ja" dir="auto">');
    expect(body).toContain(' · Japanese');
  });

  it('lets Arabic run right to left inside the English page', () => {
    const body = storyPage(detail('ar', 'مجلس مدينة الميناء يقر تمديد خط الترام')).body.text;
    expect(body).toContain('<h1 lang="ar" dir="auto">');
    expect(body).toContain(' · Arabic');
  });

  it('has fonts for Japanese, Chinese, Korean and Arabic', () => {
    for (const lang of ['ja', 'zh', 'ko', 'ar']) expect(PAGE_CSS).toContain(`:lang(${lang})`);
  });
});

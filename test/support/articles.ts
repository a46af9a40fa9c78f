import type { Article } from '../../lambdas/core/model.ts';

/** One outlet's copy as the store keeps it, published (and first seen) at `at`; text = title. */
export function testArticle(
  id: string,
  outlet: string,
  title: string,
  at: Date | string,
  more: Partial<Article> = {},
): Article {
  const time = typeof at === 'string' ? at : at.toISOString();
  return {
    id,
    feedId: outlet.toLowerCase(),
    title,
    text: title,
    categories: [],
    published: time,
    firstSeen: time,
    outlet,
    contentHash: `h-${id}`,
    ...more,
  };
}

import type { DomDocument, DomElement } from './dom.ts';

/**
 * Site furniture: everything around an article that is not the article (related-story lists,
 * comment threads, newsletter boxes, app promotions, share bars). Readability drops much of it
 * by scoring, but what survives ends up in clustering and tagging, where a sidebar headline about
 * another story makes a topic match the wrong article. So it is removed before and after.
 */
const FURNITURE_TAGS = 'nav, aside, form, button, select, textarea, input, iframe, dialog, figcaption';
const FURNITURE_ROLES = '[role="navigation"], [role="complementary"], [role="dialog"], [role="search"]';

const FURNITURE_NAME = new RegExp(
  [
    'related',
    'recommend(ed|ations?)?',
    'recirc(ulation)?',
    'more-(stories|articles|news|from)',
    'most-(read|popular|viewed|shared)',
    'trending',
    'popular-(posts|stories)',
    'read-(more|next|also)',
    'comments?',
    'comment-(list|form|section|thread)s?',
    'disqus',
    'newsletters?',
    'subscribe',
    'subscription',
    'sign-?up',
    'share',
    'sharing',
    'share-?(bar|buttons|tools|links)',
    'social(-(share|links|media|buttons))?',
    'app-(promo|download|banner)',
    '(download|get)-(the-)?app',
    'promo(tion)?s?',
    'advert(isement)?s?',
    'ad-(slot|unit|container|wrapper)',
    'sponsored',
    'outbrain',
    'taboola',
    'breadcrumbs?',
    'cookie(-(banner|consent|notice))?',
    'paywall',
    'author-(bio|box)',
    'tags',
    'tag-list',
  ]
    .map((word) => `(?:^|[\\s_-])${word}(?:$|[\\s_-])`)
    .join('|'),
  'i',
);

const PROSE_SHARE_KEPT = 0.25;

function describes(el: DomElement): string {
  return `${el.id} ${typeof el.className === 'string' ? el.className : ''}`;
}

/** Paragraph text inside: scripts and menus weigh nothing, prose does. */
function proseLength(el: DomElement): number {
  let total = el.localName === 'p' ? (el.textContent ?? '').length : 0;
  for (const p of Array.from(el.querySelectorAll('p'))) total += (p.textContent ?? '').length;
  return total;
}

/**
 * Removes furniture containers. An element holding much of the page's prose is kept whatever
 * its class says: "entry-content-read-more" on the article wrapper must not take the article.
 */
export function removeFurniture(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  const pageProse = proseLength(body);
  const candidates = [
    ...Array.from(body.querySelectorAll(FURNITURE_TAGS)),
    ...Array.from(body.querySelectorAll(FURNITURE_ROLES)),
    ...Array.from(body.querySelectorAll('[class], [id]')).filter((el) => FURNITURE_NAME.test(describes(el))),
  ];
  for (const el of candidates) {
    if (!el.parentNode) continue;
    if (proseLength(el) > pageProse * PROSE_SHARE_KEPT) continue;
    el.remove();
  }
}

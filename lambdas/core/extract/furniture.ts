import { type DomDocument, type DomElement, type DomNode, isElement } from './dom.ts';
import { renderText } from './text.ts';

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

/**
 * Headings that open a furniture section at the end of an article: the heading and everything
 * after it in the same container go.
 */
const FURNITURE_HEADING =
  /^(related( (articles|stories|posts|content|news|coverage|topics))?|read (more|next|also)|more (from|on|stories|news)\b.*|recommended( for you)?|you (may|might) also like|most (read|popular|viewed)|trending( now)?|(\d+ )?comments?( \(\d+\))?|no comments yet.*|leave a (comment|reply)|hashtags|tags|try our ai features|sign up for .*newsletter.*|subscribe to .*|download (our|the) app|get the app|share this( article| story)?|follow us( on .*)?|want more (stories|news|articles)( like this)?|more like this|(editor'?s|editors’) picks|top stories|latest (news|stories|articles)|popular (now|stories|articles)|further reading|what to read next)(\.\.\.|[.:!?…])?$/i;

const PROSE_SHARE_KEPT = 0.25;
/** A furniture heading followed by less than this share of the article's text is its tail. */
const TAIL_SHARE = 0.3;
const SHORT_LINE = 80;
const LISTING_SHORT_SHARE = 0.5;

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

function headingText(el: DomElement): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A wrapper that holds nothing but the heading counts as the heading. */
function outermostWrapper(heading: DomElement, root: DomElement): DomElement {
  let current = heading;
  let parent = current.parentNode;
  while (parent && parent !== root && isElement(parent) && headingText(parent) === headingText(current)) {
    current = parent;
    parent = current.parentNode;
  }
  return current;
}

function textLen(node: DomNode): number {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function linkTextLen(el: DomElement): number {
  let total = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) total += textLen(a);
  return total;
}

/** Text after `node` up to the end of `root`: how far from the end of the article it sits. */
function textAfter(node: DomNode, root: DomElement): number {
  let total = 0;
  let current: DomNode = node;
  while (current !== root && current.parentNode) {
    const siblings = Array.from(current.parentNode.childNodes);
    for (const sibling of siblings.slice(siblings.indexOf(current) + 1)) total += textLen(sibling);
    current = current.parentNode;
  }
  return total;
}

/** Whitespace, or a list of links; a short line of text may be a dateline and is kept. */
function isLinkList(node: DomNode): boolean {
  const length = textLen(node);
  if (length === 0) return true;
  return isElement(node) && linkTextLen(node) > length * 0.5;
}

/**
 * Whether what follows a furniture heading reads like a listing (source, age, headline, teaser;
 * name, date, comment, "Reply") rather than the article carrying on: mostly short lines.
 */
function readsLikeListing(nodes: DomNode[]): boolean {
  const lines = nodes.flatMap((node) => renderText(node).split('\n')).filter((line) => line.trim() !== '');
  if (lines.length === 0) return true;
  const short = lines.filter((line) => line.length < SHORT_LINE).length;
  return short >= lines.length * LISTING_SHORT_SHARE;
}

/**
 * In the extracted article: a furniture heading takes what follows it in its container when that
 * is the tail of the article or reads like a listing (related stories, comment threads).
 * Otherwise it takes only the link list right after it, so the article resumes
 * after a boxed "Related news" in the middle.
 */
export function removeFurnitureSections(article: DomElement): void {
  const headings = Array.from(article.querySelectorAll('h1, h2, h3, h4, h5, h6, p, strong, b, span, div'));
  // Last first: sections are peeled off the end, so a comment count near the title is judged
  // against the article alone, not against the comment thread further down.
  for (const candidate of headings.reverse()) {
    if (!candidate.parentNode || !FURNITURE_HEADING.test(headingText(candidate))) continue;
    const heading = outermostWrapper(candidate, article);
    const siblings = Array.from(heading.parentNode?.childNodes ?? []);
    const following = siblings.slice(siblings.indexOf(heading) + 1);
    const wholeRest =
      textAfter(heading, article) < textLen(article) * TAIL_SHARE || readsLikeListing(following);
    heading.remove();
    for (const node of following) {
      if (!wholeRest && !isLinkList(node)) break;
      node.remove();
    }
  }
}

import { type DomElement, type DomNode, isElement } from './dom.ts';
import { renderText } from './text.ts';

/** Headings that open a furniture section; removeFurnitureSections decides how much goes with them. */
const FURNITURE_HEADING = new RegExp(
  `^(${[
    'related( (articles|stories|posts|content|news|coverage|topics))?',
    'read (more|next|also)',
    'more (from|on|stories|news)\\b.*',
    'more like this',
    'want more (stories|news|articles)( like this)?',
    'recommended( for you)?',
    'you (may|might) also like',
    'most (read|popular|viewed)',
    'trending( now)?',
    'top stories',
    'latest (news|stories|articles)',
    'popular (now|stories|articles)',
    "(editor'?s|editors’) picks",
    'further reading',
    'what to read next',
    '(\\d+ )?comments?( \\(\\d+\\))?',
    'no comments yet.*',
    'leave a (comment|reply)',
    'hashtags',
    'tags',
    'try our ai features',
    'sign up for .*newsletter.*',
    'subscribe to .*',
    'download (our|the) app',
    'get the app',
    'share this( article| story)?',
    'follow us( on .*)?',
  ].join('|')})(\\.\\.\\.|[.:!?…])?$`,
  'i',
);

/** A furniture heading followed by less than this share of the article's text is its tail. */
const TAIL_SHARE = 0.3;
const SHORT_LINE = 80;
const LISTING_SHORT_SHARE = 0.5;

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

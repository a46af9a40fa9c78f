import { Readability } from '@mozilla/readability';
import { flattenDeepNesting } from './depth.ts';
import { type DomElement, parseDocument } from './dom.ts';
import { removeFurniture } from './furniture.ts';
import { isFurnitureLine } from './lines.ts';
import { cleanByline, readMetadata } from './metadata.ts';
import { sanitiseText } from './sanitise.ts';
import { removeFurnitureSections } from './sections.ts';
import { renderText } from './text.ts';

export interface ExtractedArticle {
  title?: string;
  /** Main text only, one paragraph a line. Empty when the page holds no article. */
  text: string;
  byline?: string;
  /** ISO 8601 UTC. */
  published?: string;
  lang?: string;
}

function articleText(content: DomElement, title: string): string {
  removeFurnitureSections(content);
  const lines = renderText(content)
    .split('\n')
    .filter((line) => !isFurnitureLine(line) && !isHeadline(line, title));
  return withoutSectionLabels(lines).join('\n');
}

/** Shorter lines than this are not tested against the title: a word or two may begin any title. */
const HEADLINE_MIN = 8;

/**
 * The headline repeated in the article's container. Readability drops it when the page's title
 * is the headline and a separator it knows ("|", "-"); many sites write "Headline_Section_Site".
 */
function isHeadline(line: string, title: string): boolean {
  return (
    line.length >= HEADLINE_MIN &&
    title.startsWith(line) &&
    (title.length === line.length || !/[\p{L}\p{N}]/u.test(title[line.length] ?? ''))
  );
}

/** A sentence-ending paragraph this long means the article has begun (a photo caption does not end so). */
const OPENING_WORDS = 20;
const SENTENCE_END = /[.!?"”’']$/;
/** "politics", "World News": one or two words of letters, not capitals only (that is a dateline). */
const SECTION_LABEL = /^\p{L}+(?: \p{L}+)?$/u;

/**
 * Section and category labels ("politics") sit above the headline in most templates; before the
 * first real paragraph such a line is the page's navigation, never the article's own words.
 */
function withoutSectionLabels(lines: string[]): string[] {
  const opening = lines.findIndex(
    (line) => line.split(' ').length >= OPENING_WORDS && SENTENCE_END.test(line),
  );
  return lines.filter((line, i) => !(i < opening && SECTION_LABEL.test(line) && line !== line.toUpperCase()));
}

/**
 * Templates mark the dateline ("KUALA LUMPUR") with the same class names as the byline, so
 * Readability can take it for one; a byline in capitals only, without "By", is a place.
 */
function notDateline(byline: string | undefined): string | undefined {
  return byline !== undefined && /\p{Lu}/u.test(byline) && byline === byline.toUpperCase()
    ? undefined
    : byline;
}

/** Below this share of the JSON-LD articleBody, the visible page is taken to hide the article (a script shell). */
const LD_BODY_SHARE = 0.5;
const LD_BODY_MIN = 200;

/**
 * Pages rendered by scripts show Readability an empty shell; many still carry the article in
 * JSON-LD. It is only a fallback: where the page shows the article, the page is the better copy.
 */
function withJsonLdFallback(text: string, ldBody: string | undefined): string {
  if (!ldBody || ldBody.length < LD_BODY_MIN || text.length >= ldBody.length * LD_BODY_SHARE) return text;
  const doc = parseDocument(`<html><body><div>${ldBody.replace(/\r?\n/g, '<br>')}</div></body></html>`);
  return doc.body ? renderText(doc.body) : text;
}

export function extractArticle(html: string, _url?: string): ExtractedArticle {
  const doc = parseDocument(html);
  const metadata = readMetadata(doc);
  if (doc.body) flattenDeepNesting(doc.body);
  removeFurniture(doc);
  const parsed = new Readability<DomElement>(doc, { serializer: (node) => node as DomElement }).parse();
  const pageTitle = parsed?.title?.trim() || metadata.title || '';
  const text = withJsonLdFallback(
    parsed?.content ? articleText(parsed.content, pageTitle) : '',
    metadata.body,
  );
  const result: ExtractedArticle = { text: sanitiseText(text) };
  const title = sanitiseText(pageTitle);
  const byline = sanitiseText(notDateline(cleanByline(parsed?.byline)) ?? metadata.byline ?? '');
  if (title) result.title = title;
  if (byline) result.byline = byline;
  if (metadata.published) result.published = metadata.published;
  if (metadata.lang) result.lang = metadata.lang;
  return result;
}

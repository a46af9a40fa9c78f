import { Readability } from '@mozilla/readability';
import { flattenDeepNesting } from './depth.ts';
import { type DomElement, parseDocument } from './dom.ts';
import { removeFurniture } from './furniture.ts';
import { isFurnitureLine } from './lines.ts';
import { cleanByline, readMetadata } from './metadata.ts';
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

function articleText(content: DomElement): string {
  removeFurnitureSections(content);
  return renderText(content)
    .split('\n')
    .filter((line) => !isFurnitureLine(line))
    .join('\n');
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
  const text = withJsonLdFallback(parsed?.content ? articleText(parsed.content) : '', metadata.body);
  const result: ExtractedArticle = { text };
  const title = parsed?.title?.trim() || metadata.title;
  const byline = cleanByline(parsed?.byline) ?? metadata.byline;
  if (title) result.title = title;
  if (byline) result.byline = byline;
  if (metadata.published) result.published = metadata.published;
  if (metadata.lang) result.lang = metadata.lang;
  return result;
}

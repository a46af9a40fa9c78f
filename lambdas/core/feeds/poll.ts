/**
 * One poll of one feed: conditional fetch, archive, parse, normalise, and full text for teaser
 * items. Never throws for a problem with the feed or its pages: the outcome and the updated
 * health record say what happened, so one broken feed never stops a run.
 */
import { createHash } from 'node:crypto';
import { decodeHtml } from '../extract/decode.ts';
import { extractArticle } from '../extract/index.ts';
import type { Article, FeedSpec, FeedState, PageTextSeen } from '../model.ts';
import type { Archive, Clock, HttpClient, HttpResponse } from '../ports.ts';
import { detectLanguage } from '../text/language.ts';
import { errorInfo, initialState, isBackingOff, recordFailure, recordSuccess } from './health.ts';
import { interstitialHashes, pageTextHash, rememberPageTexts } from './interstitial.ts';
import { isSummaryOnly, normaliseItem } from './normalise.ts';
import { parseFeed } from './parse.ts';
import type { ParsedFeed, RawFeedItem } from './types.ts';

export interface PollDeps {
  http: HttpClient;
  archive: Archive;
  clock: Clock;
  maxItems?: number;
  /** Lets poll skip fetching article pages for items already stored. */
  isKnownItem?: (a: Article) => Promise<boolean>;
}

export interface PageError {
  itemId: string;
  url: string;
  kind: string;
  message: string;
}

export interface PollResult {
  state: FeedState;
  items: Article[];
  /** `recovered`: fetched, but the feed was malformed and its items were read leniently. */
  outcome: 'fetched' | 'recovered' | 'not-modified' | 'unchanged' | 'failed' | 'backing-off';
  error?: { kind: string; message: string };
  /**
   * Article pages that could not be fetched or read, or whose text is not the article's
   * (`interstitial`: several URLs read the same; `short-page`: shorter than the feed's text).
   * Those items keep the feed's own text.
   */
  pageErrors?: PageError[];
}

/** Article pages fetched at once for one feed; the HTTP client's per-host limit applies on top. */
const PAGE_CONCURRENCY = 4;

function sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

function failed(state: FeedState, error: unknown, now: Date): PollResult {
  const info = errorInfo(error);
  return {
    state: recordFailure(state, info, now),
    items: [],
    outcome: 'failed',
    error: { kind: info.kind, message: info.message },
  };
}

/** The validators and URL a response leaves behind for the next conditional GET. */
function afterResponse(state: FeedState, res: HttpResponse, now: Date): FeedState {
  const next = recordSuccess(state, now);
  if (res.permanentUrl) next.url = res.permanentUrl;
  if (res.status === 304) return next;
  const { etag: _etag, lastModified: _lastModified, ...rest } = next;
  const updated: FeedState = { ...rest, bodyHash: sha256(res.body) };
  if (res.headers.etag) updated.etag = res.headers.etag;
  if (res.headers['last-modified']) updated.lastModified = res.headers['last-modified'];
  return updated;
}

export async function pollFeed(
  feed: FeedSpec,
  state: FeedState | undefined,
  deps: PollDeps,
): Promise<PollResult> {
  const now = deps.clock.now();
  // A feed whose configured URL changed starts afresh: its old validators and redirects are moot.
  const current =
    state && (state.configuredUrl ?? state.url) === feed.url ? state : initialState(feed.id, feed.url);
  if (isBackingOff(current, now)) return { state: current, items: [], outcome: 'backing-off' };

  let res: HttpResponse;
  try {
    res = await deps.http.get(current.url, { etag: current.etag, lastModified: current.lastModified });
  } catch (error) {
    return failed(current, error, now);
  }
  const next = afterResponse(current, res, now);
  if (res.status === 304) return { state: next, items: [], outcome: 'not-modified' };
  if (next.bodyHash === current.bodyHash) return { state: next, items: [], outcome: 'unchanged' };

  // Archived before parsing, so the body of a feed that fails to parse is there to look at.
  const contentType = res.headers['content-type'] ?? 'application/octet-stream';
  await deps.archive.put('feed', res.body, contentType);
  let entries: Entry[];
  let recovered = false;
  try {
    const parsed = await parseFeed(res.body, { url: res.url, contentType, maxItems: deps.maxItems });
    recovered = parsed.recovered === true;
    entries = parsed.items.map((raw) => ({ raw, article: normalise(raw, parsed, feed, res.url, now) }));
  } catch (error) {
    // Whatever the feed's content makes parsing or normalising throw is this feed's failure.
    return failed(current, error, now);
  }
  const pageErrors: PageError[] = [];
  const fetched = await mapPool(entries, PAGE_CONCURRENCY, (entry) =>
    withFullText(entry, feed, deps, pageErrors),
  );
  const items = keepArticleTexts(fetched, current.recentPageTexts ?? [], next, pageErrors).map(withLanguage);
  const result: PollResult = { state: next, items, outcome: recovered ? 'recovered' : 'fetched' };
  if (pageErrors.length > 0) result.pageErrors = pageErrors;
  return result;
}

/** The item with the language its final text is in; what the feed or page declared is the prior. */
function withLanguage(article: Article): Article {
  const { lang: declared, ...rest } = article;
  const lang = detectLanguage(`${article.title}\n${article.text}`, declared);
  return lang === undefined ? rest : { ...rest, lang };
}

/** An item as the feed gave it, and with its page's text when a page was fetched and read. */
interface Fetched {
  article: Article;
  page?: { article: Article; url: string; hash: string };
}

/**
 * Each item with its page's text, unless that text is an interstitial (feeds/interstitial.ts):
 * then the feed's text stays and a page error says why. Remembers this poll's page texts in `state`.
 */
function keepArticleTexts(
  fetched: readonly Fetched[],
  recent: readonly PageTextSeen[],
  state: FeedState,
  pageErrors: PageError[],
): Article[] {
  const candidates = fetched.flatMap(({ page }) => (page ? [{ url: page.url, hash: page.hash }] : []));
  if (candidates.length === 0) return fetched.map((f) => f.article);
  const interstitial = interstitialHashes(candidates, recent);
  state.recentPageTexts = rememberPageTexts(recent, candidates, interstitial);
  return fetched.map(({ article, page }) => {
    if (!page) return article;
    if (!interstitial.has(page.hash)) return page.article;
    const others = candidates.filter((c) => c.hash === page.hash && c.url !== page.url).length;
    const message =
      others > 0
        ? `the page reads the same as ${others} other article page(s) of this feed (a consent, paywall or interstitial page); the feed's text kept`
        : "the page reads the same as another article page of this feed did in an earlier poll (a consent, paywall or interstitial page); the feed's text kept";
    pageErrors.push({ itemId: article.id, url: page.url, kind: 'interstitial', message });
    return article;
  });
}

interface Entry {
  raw: RawFeedItem;
  article: Article;
}

function normalise(
  raw: RawFeedItem,
  parsed: ParsedFeed,
  feed: FeedSpec,
  feedUrl: string,
  now: Date,
): Article {
  return normaliseItem(raw, { feed, feedTitle: parsed.title, feedUrl, feedLanguage: parsed.language, now });
}

/** The article with its page's main text when the feed gave only a teaser (or always, for fullText feeds). */
async function withFullText(
  { raw, article }: Entry,
  feed: FeedSpec,
  deps: PollDeps,
  pageErrors: PageError[],
): Promise<Fetched> {
  const teaser = isSummaryOnly(raw);
  const wantsPage = feed.fullText === true || teaser;
  if (!wantsPage || !article.url) return { article };
  if (deps.isKnownItem && (await deps.isKnownItem(article))) return { article };
  const url = article.url;
  let enriched: Article | undefined;
  try {
    enriched = await withPageText(article, url, deps);
  } catch (error) {
    const info = errorInfo(error);
    pageErrors.push({ itemId: article.id, url, kind: info.kind, message: info.message });
    return { article };
  }
  if (enriched === undefined) return { article };
  // A page that reads shorter than the feed's own summary is a stub, a wall or a failed extraction.
  const summary = teaser ? article.text : (article.summary ?? '');
  if (enriched.text.length < summary.length) {
    pageErrors.push({
      itemId: article.id,
      url,
      kind: 'short-page',
      message: `the page's text (${enriched.text.length} characters) is shorter than the feed's summary (${summary.length}); the feed's text kept`,
    });
    return { article };
  }
  return { article, page: { article: enriched, url, hash: pageTextHash(enriched.text) } };
}

/**
 * Replaces the feed's summary with the page's main text and fills what the feed left out.
 * contentHash stays the feed's: pages change with every ad and comment, and edit detection must
 * follow the outlet's edits, not its page furniture.
 */
async function withPageText(article: Article, url: string, deps: PollDeps): Promise<Article | undefined> {
  const page = await deps.http.get(url);
  const contentType = page.headers['content-type'] ?? 'text/html';
  await deps.archive.put('page', page.body, contentType);
  const extracted = extractArticle(decodeHtml(page.body, contentType), page.url);
  if (extracted.text === '') return undefined;
  const enriched: Article = { ...article, text: extracted.text };
  if (!enriched.author && extracted.byline) enriched.author = extracted.byline;
  if (!enriched.published && extracted.published) enriched.published = extracted.published;
  if (!enriched.lang && extracted.lang) enriched.lang = extracted.lang;
  return enriched;
}

/** Maps with at most `limit` calls in flight, keeping the input order. */
async function mapPool<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (input: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < inputs.length) {
      const index = nextIndex++;
      results[index] = await fn(inputs[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

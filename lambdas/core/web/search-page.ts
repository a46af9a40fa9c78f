/**
 * The search page, `/search?q=…&since=…`: a box for a query in the topic language, and the stories
 * whose copies match it, each copy with the terms it hit marked in its headline and snippet. The
 * query is in the link, so a search can be shared like any other view.
 */
import { highlightHtml } from '../alerts/highlight.ts';
import { safeHttpUrl } from '../html/escape.ts';
import type { ArchiveReader, Store } from '../ports.ts';
import { readableTime, whenReported } from '../query/readable.ts';
import {
  DEFAULT_SEARCH_LIMIT,
  DEFAULT_SEARCH_SINCE,
  InvalidSearchError,
  MAX_COPIES_READ,
  type SearchCopy,
  type SearchResult,
  type SearchStory,
  searchSince,
  searchStories,
} from '../query/search.ts';
import { InvalidSinceError } from '../query/since.ts';
import { Html, html, itemText, sitePath } from './html.ts';
import type { Page } from './pages.ts';

const SINCE_CHOICES = [
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
  ['30d', 'last 30 days'],
  ['90d', 'last 90 days'],
] as const;

export interface SearchAsked {
  q: string;
  since?: string | undefined;
}

/** A `since` from a shared link that is not one of the choices stays selected as typed. */
function searchForm({ q, since = DEFAULT_SEARCH_SINCE }: SearchAsked): Html {
  const choices: readonly (readonly [string, string])[] = SINCE_CHOICES.some(([v]) => v === since)
    ? SINCE_CHOICES
    : [...SINCE_CHOICES, [since, `since ${since}`]];
  return html`<form class="filters search" role="search" method="get" action="/search">
<label>Search <input type="search" name="q" value="${q}" size="40" placeholder='larkspur AND "terminal expansion"'></label>
<label>Since <select name="since">${choices.map(([v, label]) => html`<option value="${v}"${v === since ? html` selected` : ''}>${label}</option>`)}</select></label>
<button type="submit">Search</button>
</form>
<p class="meta">The topic query language: AND, OR, NOT, "phrases", NEAR/n, wildcards, title: and source: (<a href="${sitePath(['topics'])}">topics</a> use the same).</p>`;
}

const marked = (text: string, copy: SearchCopy) => new Html(highlightHtml(text, copy.terms, copy.lang));

function copyItem(copy: SearchCopy): Html {
  const href = safeHttpUrl(copy.url);
  const headline = marked(copy.title.trim() || '(untitled)', copy);
  return html`<li class="copy">
<p class="outlet"><strong>${copy.outlet}</strong> · ${whenReported(copy)}</p>
<p class="headline"${itemText(copy.lang)}>${href ? html`<a href="${href}" rel="noopener noreferrer">${headline}</a>` : headline}</p>
<p class="meta">Matched <span class="terms">${copy.terms.join(', ')}</span> in ${copy.fields.join(', ')}</p>
${copy.snippet ? html`<blockquote${itemText(copy.lang)}>${marked(copy.snippet, copy)}</blockquote>` : ''}
</li>`;
}

function storyItem({ story, terms, copies }: SearchStory): Html {
  const outlets = `${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'}`;
  return html`<li class="story result">
<h2><a href="${sitePath(['stories', story.id])}">${story.headline}</a></h2>
<p class="meta">First reported by <strong>${story.firstOutlet}</strong>${story.firstPublished ? html` · ${readableTime(story.firstPublished)}` : ''} · ${outlets} · ${copies.length} matching cop${copies.length === 1 ? 'y' : 'ies'} · terms: <span class="terms">${terms.join(', ')}</span></p>
<ol class="copies">${copies.map(copyItem)}</ol>
</li>`;
}

function summary(result: SearchResult): Html {
  const n = result.stories.length;
  const found = html`<p class="meta">${n} stor${n === 1 ? 'y' : 'ies'} for <span class="terms">${result.query}</span>, first seen since ${readableTime(result.since)}; ${result.read} cop${result.read === 1 ? 'y' : 'ies'} read.</p>`;
  const stopped = result.searchedBack
    ? html`<p class="meta">The search stopped at stories first seen ${readableTime(result.searchedBack)}: older ones were not searched. A search reads the ${MAX_COPIES_READ.toLocaleString('en')} newest copies at most, and returns ${DEFAULT_SEARCH_LIMIT} stories at most.</p>`
    : '';
  const missing = result.missingTexts
    ? html`<p class="meta">${result.missingTexts} cop${result.missingTexts === 1 ? 'y has' : 'ies have'} no text in the archive any more: matched on headline and summary.</p>`
    : '';
  return html`${found}${stopped}${missing}`;
}

/** The page before a search, and after one; `result` absent when nothing was asked yet. */
export function searchPage(asked: SearchAsked, result: SearchResult | undefined): Page {
  const body = result
    ? html`${summary(result)}${result.stories.length ? html`<ol class="stories results">${result.stories.map(storyItem)}</ol>` : html`<p class="empty">No stored copy matches.</p>`}`
    : '';
  return {
    status: 200,
    title: asked.q ? `Search: ${asked.q}` : 'Search',
    body: html`<h1>Search</h1>
${searchForm(asked)}
${body}`,
  };
}

/** A query that cannot be read: said where, with the box still holding it to correct. */
export function searchErrorPage(asked: SearchAsked, message: string): Page {
  return {
    status: 400,
    title: 'Search',
    body: html`<h1>Search</h1>
${searchForm(asked)}
<p class="error" role="alert">${message}</p>`,
  };
}

/** What the route needs: the site's store, plus the archive the texts are read from. */
export interface SearchSite {
  store: Store;
  archive?: ArchiveReader | undefined;
  aliases?: Record<string, string> | undefined;
  now: Date;
}

/** `/search`: the query and time range from the link; a bad one is a 400 page that keeps the form. */
export async function renderSearch(query: URLSearchParams, site: SearchSite): Promise<Page> {
  const asked = { q: query.get('q') ?? '', since: query.get('since') || undefined };
  if (!asked.q.trim()) return searchPage(asked, undefined);
  // Every server of the page passes the archive; a site built without one cannot search.
  if (!site.archive)
    throw new Error('the reading page was started without the archive: search cannot read texts');
  try {
    const since = searchSince(asked.since, site.now);
    const sources = { store: site.store, archive: site.archive, aliases: site.aliases };
    return searchPage(asked, await searchStories(sources, asked.q, { since }));
  } catch (err) {
    if (err instanceof InvalidSearchError || err instanceof InvalidSinceError)
      return searchErrorPage(asked, err.message);
    throw err;
  }
}

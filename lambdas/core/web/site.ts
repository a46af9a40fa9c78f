/**
 * The reading page: paths and query strings to pages, and pages to documents. Locally the whole
 * document is served; on AWS a signed-in shell fetches the same `main` through the API. Filters
 * are query-string parameters, so every view is a link that can be shared.
 */
import type { Store } from '../ports.ts';
import { reportsInOtherLanguages } from '../query/also-reported.ts';
import { byPublishTime, storyLead } from '../query/listing.ts';
import {
  feedHealth,
  listStories,
  NotFoundError,
  storyDetail,
  storyTopics,
  topicStories,
} from '../query/queries.ts';
import { InvalidSinceError, parseSince } from '../query/since.ts';
import { html } from './html.ts';
import {
  ANY_TIME,
  errorPage,
  feedsPage,
  type Page,
  storiesPage,
  storyPage,
  type TopicInfo,
  type TopicSection,
  topicPage,
  topicsPage,
} from './pages.ts';
import { renderSearch, type SearchSite } from './search-page.ts';

export interface SiteContext extends SearchSite {
  store: Store;
  /** The configured topic names: the filter's choices. */
  topics: readonly string[];
  /** The configured topics' queries and recipients, where the page is given them. */
  topicInfo?: readonly TopicInfo[];
  now: Date;
}

const STORIES_PER_PAGE = 100;
const STORIES_PER_TOPIC = 20;
/** "Any publish date" lists the stories newswatch first saw within this. */
const ANY_TIME_SEEN_WITHIN = '30d';

/** The page at `path`; unknown paths and ids are 404 pages, filters that cannot be read 400 pages. */
export async function renderPath(path: string, query: URLSearchParams, ctx: SiteContext): Promise<Page> {
  try {
    return await route(path.split('/').filter(Boolean).map(decodeURIComponent), query, ctx);
  } catch (err) {
    if (err instanceof NotFoundError) return errorPage(404, err.message);
    if (err instanceof InvalidSinceError || err instanceof URIError) return errorPage(400, err.message);
    throw err;
  }
}

async function route(parts: string[], query: URLSearchParams, ctx: SiteContext): Promise<Page> {
  const [first, second, ...rest] = parts;
  if (rest.length === 0) {
    if (first === undefined) return stories(query, ctx);
    if (first === 'stories' && second !== undefined) return story(second, ctx);
    if (first === 'topics' && second === undefined) return topics(ctx);
    if (first === 'topics' && second !== undefined) return topicPage(await topicSection(second, ctx));
    if (first === 'feeds' && second === undefined)
      return feedsPage(await feedHealth(ctx.store), await ctx.store.listParked());
    if (first === 'search' && second === undefined) return renderSearch(query, ctx);
  }
  return errorPage(404, 'No such page');
}

async function story(id: string, ctx: SiteContext): Promise<Page> {
  const detail = await storyDetail(ctx.store, id);
  return storyPage(detail, await reportsInOtherLanguages(ctx.store, detail.story));
}

async function stories(query: URLSearchParams, ctx: SiteContext): Promise<Page> {
  const asked = { topic: query.get('topic') || undefined, since: query.get('since') || undefined };
  const anyTime = asked.since === ANY_TIME;
  const published = anyTime ? undefined : parseSince(asked.since ?? '7d', ctx.now);
  // The stores list by first sighting, one day at a time: "any publish date" reaches back a bounded way.
  const seen = published ?? parseSince(ANY_TIME_SEEN_WITHIN, ctx.now);
  const { topic, listed } = asked.topic
    ? await storiesOfTopic(asked.topic, seen, ctx)
    : { topic: undefined, listed: await listStories(ctx.store, { since: seen, limit: STORIES_PER_PAGE }) };
  const rows = await Promise.all(
    byPublishTime(listed, published).map(async (story) => ({
      story,
      topics: await storyTopics(ctx.store, story),
      lead: await storyLead(ctx.store, story),
    })),
  );
  return storiesPage(rows, ctx.topics, { topic, since: asked.since }, ctx.now);
}

/** The topic as configured, not as typed in the link, so the filter shows it selected. */
async function storiesOfTopic(name: string, since: string, ctx: SiteContext) {
  const { topic, stories } = await topicStories(ctx.store, name, ctx.topics, {
    since,
    limit: STORIES_PER_PAGE,
  });
  return { topic, listed: stories.map((s) => s.story) };
}

async function topicSection(name: string, ctx: SiteContext): Promise<TopicSection> {
  const { topic, stories } = await topicStories(ctx.store, name, ctx.topics, { limit: STORIES_PER_TOPIC });
  return { topic, info: ctx.topicInfo?.find((t) => t.name === topic), stories };
}

async function topics(ctx: SiteContext): Promise<Page> {
  return topicsPage(await Promise.all(ctx.topics.map((name) => topicSection(name, ctx))));
}

/** Nothing inline and nothing from elsewhere: a feed's markup that slipped through could not run or load. */
export function contentSecurityPolicy(extra: { connect?: string[]; scripts?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    ...(extra.scripts ? ["script-src 'self'"] : []),
    ...(extra.connect ? [`connect-src 'self' ${extra.connect.join(' ')}`] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    // Article links leave for news sites; they need not learn which story page sent the reader.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export interface DocumentOptions {
  /** Attributes for `<html>` the shell's script reads (sign-in settings). */
  data?: Record<string, string>;
  script?: string;
  nav?: { label: string; href: string }[];
}

export function pageDocument(page: Page, opts: DocumentOptions = {}): string {
  const data = Object.entries(opts.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  const nav = [
    { label: 'Stories', href: '/' },
    { label: 'Topics', href: '/topics' },
    { label: 'Feeds', href: '/feeds' },
    { label: 'Search', href: '/search' },
    ...(opts.nav ?? []),
  ];
  return html`<!doctype html>
<html lang="en"${data}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · newswatch</title>
<link rel="stylesheet" href="/page.css">
${opts.script ? html`<script type="module" src="${opts.script}"></script>` : ''}
</head>
<body>
<header><a class="brand" href="/">newswatch</a><nav>${nav.map((n) => html`<a href="${n.href}">${n.label}</a>`)}</nav></header>
<main id="main">${page.body}</main>
</body>
</html>
`.text;
}

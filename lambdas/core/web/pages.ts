/**
 * The pages, one function each, from the same queries the CLI and the HTTP API answer. Every
 * string a feed supplied reaches the page through `html`, which escapes it; links to articles
 * only when they are http(s).
 */

import { safeHttpUrl } from '../html/escape.ts';
import { languageName } from '../html/lang.ts';
import type { FeedState, ParkedItem } from '../model.ts';
import type {
  MatchedCopy,
  StoryAlert,
  StoryDetail,
  StoryMember,
  StoryView,
  TopicStory,
} from '../query/queries.ts';
import { readableTime, relativeTime, whenReported } from '../query/readable.ts';
import type { TopicSpec } from '../topics/schema.ts';
import { type Html, html, itemText, sitePath } from './html.ts';
import { spreadSection } from './spread.ts';

export interface Page {
  status: number;
  title: string;
  body: Html;
}

/** The `since` that lifts the time filter. */
export const ANY_TIME = 'all';

/** The time filters offered; any other `since` the parser accepts works in a shared link too. */
const SINCE_CHOICES = [
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
  ['30d', 'last 30 days'],
  [ANY_TIME, 'any publish date'],
] as const;

export interface StoriesFilter {
  topic?: string;
  since?: string;
}

const storyLink = (story: StoryView) =>
  html`<a href="${sitePath(['stories', story.id])}"${itemText(story.lang)}>${story.headline}</a>`;

/** How long ago, kept on one line, with the exact time on hover and for machines. */
function timeAgo(iso: string, now: Date): Html {
  const ago = relativeTime(iso, now).replaceAll(' ', '\u00a0');
  return html`<time datetime="${iso}" title="${readableTime(iso)}">${ago}</time>`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function topicLinks(topics: readonly string[], since?: string): Html {
  return html`${topics.map((t, i) => html`${i ? ', ' : ''}<a href="${sitePath([], { topic: t, since })}">${t}</a>`)}`;
}

function filterForm(topics: readonly string[], filter: StoriesFilter): Html {
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/">
<label>Topic <select name="topic">${option('', 'all topics', !filter.topic)}${topics.map((t) => option(t, t, t === filter.topic))}</select></label>
<label>Since <select name="since">${SINCE_CHOICES.map(([v, label]) => option(v, label, v === (filter.since ?? '7d')))}</select></label>
<button type="submit">Show</button>
</form>`;
}

/** A row of the story list: the story, the topics it matched, its first report's lead. */
export interface StoryRow {
  story: StoryView;
  topics: string[];
  lead?: string;
}

function storyCard({ story, topics: matched, lead }: StoryRow, filter: StoriesFilter, now: Date): Html {
  const published = story.firstPublished
    ? html`published ${timeAgo(story.firstPublished, now)}`
    : 'no publish date';
  return html`<li class="story">
<h2>${storyLink(story)}</h2>
<p class="meta">First reported by <strong>${story.firstOutlet}</strong> · ${published} · ${plural(story.outletCount, 'outlet', 'outlets')}: ${story.outlets.join(', ')} · first seen by newswatch ${timeAgo(story.firstSeen, now)}</p>
${lead ? html`<p class="lead"${itemText(story.lang)}>${lead}</p>` : ''}
${matched.length ? html`<p class="topics">Topics: ${topicLinks(matched, filter.since)}</p>` : ''}
</li>`;
}

function emptyList(filter: StoriesFilter): Html {
  if (filter.since === ANY_TIME) return html`<p class="empty">No story first seen in the last 30 days.</p>`;
  const wider = sitePath([], { topic: filter.topic, since: ANY_TIME });
  return html`<p class="empty">No story published in this period. <a href="${wider}">Show stories of any publish date</a>.</p>`;
}

/** Newest published first, as `rows` come. */
export function storiesPage(
  rows: StoryRow[],
  topics: readonly string[],
  filter: StoriesFilter,
  now: Date,
): Page {
  const scope = filter.topic ? html` matching <strong>${filter.topic}</strong>` : '';
  return {
    status: 200,
    title: 'Stories',
    body: html`<h1>Stories${scope}</h1>
${filterForm(topics, filter)}
${rows.length ? html`<ol class="stories">${rows.map((row) => storyCard(row, filter, now))}</ol>` : emptyList(filter)}`,
  };
}

function memberItem(m: StoryMember): Html {
  const href = safeHttpUrl(m.url);
  const headline = m.title?.trim() || '(untitled)';
  const language = m.lang ? ` · ${languageName(m.lang)}` : '';
  return html`<li class="copy">
<p class="outlet"><strong>${m.outlet ?? `item ${m.itemId}`}</strong> · ${whenReported(m)}${language}${m.firstReport ? html` · <span class="badge">first report</span>` : ''}</p>
<p class="headline"${itemText(m.lang)}>${href ? html`<a href="${href}" rel="noopener noreferrer">${headline}</a>` : headline}</p>
${m.url && !href ? html`<p class="url">${m.url}</p>` : ''}
<p class="reason">${m.reason}</p>
</li>`;
}

function alertLine(a: StoryAlert): Html {
  const state = a.sentAt ? `sent ${readableTime(a.sentAt)}` : a.status;
  const followUp = a.outlets ? ` (follow-up at ${a.outlets} outlets)` : '';
  return html`<li>${a.topic}${followUp} → ${a.recipients.join(', ')}: ${state}${a.lastError ? ` (${a.lastError})` : ''}</li>`;
}

const outletsOf = (story: StoryView) =>
  `${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'}: ${story.outlets.join(', ')}`;

// Every linked story has a language (also-reported.ts links none without one).
const languageOf = (story: StoryView) => languageName(story.lang ?? 'und');

/** Stories of the same event in other languages (stories/also-reported.ts), side by side. */
function otherLanguages(reports: readonly StoryView[]): Html {
  if (reports.length === 0) return html``;
  const names = [...new Set(reports.map(languageOf))];
  return html`<h2>Also reported in ${names.join(', ')}</h2>
<ul class="also-reported">${reports.map((r) => html`<li>${storyLink(r)} · ${languageOf(r)} · ${outletsOf(r)}</li>`)}</ul>`;
}

export function storyPage(
  { story, members, matches, alerts }: StoryDetail,
  inOtherLanguages: readonly StoryView[] = [],
): Page {
  const langOf = new Map(members.map((m) => [m.itemId, m.lang]));
  const matchItems = matches.map(
    (t) =>
      html`<li><a href="${sitePath([], { topic: t.topic })}">${t.topic}</a> · ${t.outlet ?? `item ${t.itemId}`}: <span class="terms">${t.terms.join(', ')}</span> in ${t.fields.join(', ')}<blockquote${itemText(langOf.get(t.itemId))}>${t.snippet}</blockquote></li>`,
  );
  return {
    status: 200,
    title: story.headline,
    body: html`<h1${itemText(story.lang)}>${story.headline}</h1>
<p class="meta">First reported by <strong>${story.firstOutlet}</strong>${story.firstPublished ? html`, published ${readableTime(story.firstPublished)}` : ''} · ${outletsOf(story)} · first seen by newswatch ${readableTime(story.firstSeen)}</p>
${spreadSection(members)}
${otherLanguages(inOtherLanguages)}
<h2>Copies, earliest published first</h2>
<ol class="copies">${members.map(memberItem)}</ol>
<h2>Topic matches</h2>
${matchItems.length ? html`<ul class="matches">${matchItems}</ul>` : html`<p class="empty">No topic matched this story.</p>`}
<h2>Alerts</h2>
${alerts.length ? html`<ul class="alerts">${alerts.map(alertLine)}</ul>` : html`<p class="empty">No alert for this story.</p>`}`,
  };
}

/** A topic as configured: its query, and whom it emails. */
export type TopicInfo = Pick<TopicSpec, 'name' | 'query' | 'recipients' | 'alert'>;

export interface TopicSection {
  topic: string;
  /** Absent where the page knows topic names only. */
  info?: TopicInfo;
  stories: TopicStory[];
}

function copyLine(c: MatchedCopy): Html {
  return html`<li>${c.outlet ?? `item ${c.itemId}`}: ${c.title?.trim() || '(untitled)'} · <span class="terms">${c.terms.join(', ')}</span></li>`;
}

function topicStoryItem(s: TopicStory): Html {
  return html`<li>${storyLink(s.story)} <span class="meta">· ${plural(s.copies, 'matching copy', 'matching copies')} of ${plural(s.story.outletCount, 'outlet', 'outlets')} · terms: <span class="terms">${s.terms.join(', ')}</span></span>
${s.matchedCopies.length ? html`<ul class="matched-copies">${s.matchedCopies.map(copyLine)}</ul>` : ''}</li>`;
}

function topicSettings(info: TopicInfo | undefined): Html {
  if (!info) return html``;
  const recipients = info.recipients?.length
    ? html`emailed to ${info.recipients.join(', ')}${info.alert && info.alert !== 'instant' ? ` (${info.alert})` : ''}`
    : html`<strong class="not-emailed">not emailed</strong>: tracked and queryable only`;
  return html`<dl class="topic-settings"><dt>Query</dt><dd><code>${info.query}</code></dd><dt>Alerts</dt><dd>${recipients}</dd></dl>`;
}

function topicSection({ topic, info, stories }: TopicSection): Html {
  return html`<section class="topic">
<h2><a href="${sitePath(['topics', topic])}">${topic}</a> <span class="count">${plural(stories.length, 'story', 'stories')}</span></h2>
${topicSettings(info)}
${stories.length ? html`<ul class="topic-stories">${stories.map(topicStoryItem)}</ul>` : html`<p class="empty">No matches yet.</p>`}
<p><a href="${sitePath([], { topic })}">Stories matching ${topic} in the story list</a></p>
</section>`;
}

export function topicsPage(sections: TopicSection[]): Page {
  return { status: 200, title: 'Topics', body: html`<h1>Topics</h1>${sections.map(topicSection)}` };
}

/** One topic's own page: the link an alert email gives for its topic. */
export function topicPage(section: TopicSection): Page {
  return {
    status: 200,
    title: `Topic: ${section.topic}`,
    body: html`<h1>Topic: ${section.topic}</h1><p><a href="/topics">All topics</a></p>${topicSection(section)}`,
  };
}

function feedRow(f: FeedState): Html {
  const failing = f.consecutiveFailures > 0;
  return html`<tr class="${failing ? 'failing' : 'ok'}">
<td data-label="Outlet"><strong>${f.outlet ?? f.feedId}</strong><br><span class="url">${f.outlet ? `feed ${f.feedId} · ` : ''}${f.url}</span></td>
<td data-label="Health">${failing ? `failing ×${f.consecutiveFailures}` : 'ok'}</td>
<td data-label="Last success">${f.lastSuccessAt ? readableTime(f.lastSuccessAt) : 'never'}</td>
<td data-label="Last error">${f.lastErrorAt ? html`${readableTime(f.lastErrorAt)}: ${f.lastErrorKind} ${f.lastErrorMessage}` : 'none'}</td>
<td data-label="Next attempt">${f.nextAttemptAt ? readableTime(f.nextAttemptAt) : 'on schedule'}</td>
</tr>`;
}

function parkedRow(p: ParkedItem): Html {
  const href = safeHttpUrl(p.item.url);
  return html`<li><strong>${p.item.outlet}</strong>: ${href ? html`<a href="${href}">${p.item.title}</a>` : p.item.title}
<br><span class="meta">parked ${readableTime(p.parkedAt)}: ${p.error}</span></li>`;
}

/** Items the story stage set aside: nobody is emailed about them, so the page says so. */
function parkedSection(parked: ParkedItem[]): Html {
  if (parked.length === 0) return html``;
  return html`<section class="parked"><h2>Items set aside by the story stage</h2>
<p>The stage could not assign these and went on without them. Once the cause is fixed, <code>newswatch items redrive</code> queues them again.</p>
<ul>${parked.map(parkedRow)}</ul></section>`;
}

export function feedsPage(feeds: FeedState[], parked: ParkedItem[] = []): Page {
  return {
    status: 200,
    title: 'Feeds',
    body: html`<h1>Feeds</h1>
${feeds.length ? html`<table class="feeds"><thead><tr><th>Outlet</th><th>Health</th><th>Last success</th><th>Last error</th><th>Next attempt</th></tr></thead><tbody>${feeds.map(feedRow)}</tbody></table>` : html`<p class="empty">No feed has been fetched yet.</p>`}
${parkedSection(parked)}`,
  };
}

/** An alert email saved by a local run, as the emails page lists it. */
export interface EmailEntry {
  name: string;
  subject?: string;
  to?: string;
  sentAt?: string;
  preview: string;
}

/** Locally, the alert emails that were sent, newest first, by subject; each opens as it was sent. */
export function emailsPage(emails: EmailEntry[], now: Date): Page {
  const item = (e: EmailEntry) =>
    html`<li class="email"><a href="${sitePath(['emails', e.name])}">${e.subject ?? e.preview}</a><p class="meta">${e.to ? `To ${e.to}` : ''}${e.to && e.sentAt ? ' · ' : ''}${e.sentAt ? html`sent ${timeAgo(e.sentAt, now)}` : ''}</p></li>`;
  return {
    status: 200,
    title: 'Alert emails',
    body: html`<h1>Alert emails</h1>
${emails.length ? html`<ul class="emails">${emails.map(item)}</ul>` : html`<p class="empty">No alert email was sent yet.</p>`}`,
  };
}

export function errorPage(status: number, message: string): Page {
  return { status, title: status === 404 ? 'Not found' : 'Bad request', body: html`<h1>${message}</h1>` };
}

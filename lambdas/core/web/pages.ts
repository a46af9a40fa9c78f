/**
 * The pages, one function each, from the same queries the CLI and the HTTP API answer. Every
 * string a feed supplied reaches the page through `html`, which escapes it; links to articles
 * only when they are http(s).
 */

import { safeHttpUrl } from '../html/escape.ts';
import type { FeedState } from '../model.ts';
import type { StoryAlert, StoryDetail, StoryMember, StoryView, TopicStory } from '../query/queries.ts';
import { readableTime, whenReported } from '../query/readable.ts';
import { type Html, html, sitePath } from './html.ts';

export interface Page {
  status: number;
  title: string;
  body: Html;
}

/** The time filters offered; any other `since` the parser accepts works in a shared link too. */
const SINCE_CHOICES = [
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
  ['30d', 'last 30 days'],
] as const;

export interface StoriesFilter {
  topic?: string;
  since?: string;
}

const storyLink = (story: StoryView) =>
  html`<a href="${sitePath(['stories', story.id])}">${story.headline}</a>`;

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

export function storiesPage(
  rows: { story: StoryView; topics: string[] }[],
  topics: readonly string[],
  filter: StoriesFilter,
): Page {
  const scope = filter.topic ? html` matching <strong>${filter.topic}</strong>` : '';
  const items = rows.map(
    ({ story, topics: matched }) => html`<li class="story">
<h2>${storyLink(story)}</h2>
<p class="meta">First reported by <strong>${story.firstOutlet}</strong>${story.firstPublished ? html` · ${readableTime(story.firstPublished)}` : ''} · ${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'}</p>
${matched.length ? html`<p class="topics">Topics: ${topicLinks(matched, filter.since)}</p>` : ''}
</li>`,
  );
  return {
    status: 200,
    title: 'Stories',
    body: html`<h1>Stories${scope}</h1>
${filterForm(topics, filter)}
${rows.length ? html`<ol class="stories">${items}</ol>` : html`<p class="empty">No stories in this period.</p>`}`,
  };
}

function memberItem(m: StoryMember): Html {
  const href = safeHttpUrl(m.url);
  const headline = m.title?.trim() || '(untitled)';
  return html`<li class="copy">
<p class="outlet"><strong>${m.outlet ?? `item ${m.itemId}`}</strong> · ${whenReported(m)}${m.firstReport ? html` · <span class="badge">first report</span>` : ''}</p>
<p class="headline">${href ? html`<a href="${href}" rel="noopener noreferrer">${headline}</a>` : headline}</p>
${m.url && !href ? html`<p class="url">${m.url}</p>` : ''}
<p class="reason">${m.reason}</p>
</li>`;
}

function alertLine(a: StoryAlert): Html {
  const state = a.sentAt ? `sent ${readableTime(a.sentAt)}` : a.status;
  const followUp = a.outlets ? ` (follow-up at ${a.outlets} outlets)` : '';
  return html`<li>${a.topic}${followUp} → ${a.recipients.join(', ')}: ${state}${a.lastError ? ` (${a.lastError})` : ''}</li>`;
}

export function storyPage({ story, members, matches, alerts }: StoryDetail): Page {
  const matchItems = matches.map(
    (t) =>
      html`<li><a href="${sitePath([], { topic: t.topic })}">${t.topic}</a> · ${t.outlet ?? `item ${t.itemId}`}: <span class="terms">${t.terms.join(', ')}</span> in ${t.fields.join(', ')}<blockquote>${t.snippet}</blockquote></li>`,
  );
  return {
    status: 200,
    title: story.headline,
    body: html`<h1>${story.headline}</h1>
<p class="meta">First reported by <strong>${story.firstOutlet}</strong>${story.firstPublished ? html`, published ${readableTime(story.firstPublished)}` : ''} · ${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'}: ${story.outlets.join(', ')} · first seen by newswatch ${readableTime(story.firstSeen)}</p>
<h2>Copies, earliest published first</h2>
<ol class="copies">${members.map(memberItem)}</ol>
<h2>Topic matches</h2>
${matchItems.length ? html`<ul class="matches">${matchItems}</ul>` : html`<p class="empty">No topic matched this story.</p>`}
<h2>Alerts</h2>
${alerts.length ? html`<ul class="alerts">${alerts.map(alertLine)}</ul>` : html`<p class="empty">No alert for this story.</p>`}`,
  };
}

export function topicsPage(sections: { topic: string; stories: TopicStory[] }[]): Page {
  const section = ({
    topic,
    stories,
  }: {
    topic: string;
    stories: TopicStory[];
  }) => html`<section class="topic">
<h2><a href="${sitePath([], { topic })}">${topic}</a> <span class="count">${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}</span></h2>
${stories.length ? html`<ul>${stories.map((s) => html`<li>${storyLink(s.story)} <span class="meta">· ${s.copies} matching cop${s.copies === 1 ? 'y' : 'ies'} · ${s.story.outlets.join(', ')} · terms: <span class="terms">${s.terms.join(', ')}</span></span></li>`)}</ul>` : html`<p class="empty">No matches yet.</p>`}
</section>`;
  return { status: 200, title: 'Topics', body: html`<h1>Topics</h1>${sections.map(section)}` };
}

function feedRow(f: FeedState): Html {
  const failing = f.consecutiveFailures > 0;
  return html`<tr class="${failing ? 'failing' : 'ok'}">
<td data-label="Feed"><strong>${f.feedId}</strong><br><span class="url">${f.url}</span></td>
<td data-label="Health">${failing ? `failing ×${f.consecutiveFailures}` : 'ok'}</td>
<td data-label="Last success">${f.lastSuccessAt ? readableTime(f.lastSuccessAt) : 'never'}</td>
<td data-label="Last error">${f.lastErrorAt ? html`${readableTime(f.lastErrorAt)}: ${f.lastErrorKind} ${f.lastErrorMessage}` : 'none'}</td>
<td data-label="Next attempt">${f.nextAttemptAt ? readableTime(f.nextAttemptAt) : 'on schedule'}</td>
</tr>`;
}

export function feedsPage(feeds: FeedState[]): Page {
  return {
    status: 200,
    title: 'Feeds',
    body: html`<h1>Feeds</h1>
${feeds.length ? html`<table class="feeds"><thead><tr><th>Feed</th><th>Health</th><th>Last success</th><th>Last error</th><th>Next attempt</th></tr></thead><tbody>${feeds.map(feedRow)}</tbody></table>` : html`<p class="empty">No feed has been fetched yet.</p>`}`,
  };
}

/** Locally, the alert emails that were sent, newest first; each opens as it was sent. */
export function emailsPage(emails: { name: string; sentAt?: string; preview: string }[]): Page {
  const item = (e: { name: string; sentAt?: string; preview: string }) =>
    html`<li class="email"><a href="${sitePath(['emails', e.name])}">${e.sentAt ? readableTime(e.sentAt) : e.name}</a><p class="meta">${e.preview}</p></li>`;
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

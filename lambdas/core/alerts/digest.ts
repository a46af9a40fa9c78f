/**
 * One email for every story a digest topic collected since its last digest: stories, not copies,
 * newest first, each with how many outlets carry it and who reported it first.
 */
import type { AlertIntent } from '../model.ts';
import type { EmailMessage } from '../ports.ts';
import { escapeHtml, headerSafe, link, readableTime, safeHttpUrl } from './escape.ts';
import { page } from './layout.ts';
import {
  headlineOf,
  type RenderOptions,
  storyPageUrl,
  subjectOf,
  topicPageUrl,
  whyYouGotIt,
} from './render.ts';
import type { AlertStory } from './story.ts';

export interface DigestEntry {
  intent: AlertIntent;
  story: AlertStory;
}

const newest = (s: AlertStory) => s.firstPublished ?? s.firstSeen;

/** One entry per story (two intents can name one story after a merge), newest first. */
function stories(entries: readonly DigestEntry[]): DigestEntry[] {
  const byStory = new Map(entries.map((e) => [e.story.id, e]));
  return [...byStory.values()].sort((a, b) => newest(b.story).localeCompare(newest(a.story)));
}

function summary(story: AlertStory): string {
  const n = story.copies.length;
  const when = readableTime(story.firstPublished);
  const outlets = story.copies.map((c) => headerSafe(c.outlet, 200)).join(', ');
  return `${n} outlet${n === 1 ? '' : 's'} (${outlets}) · first: ${headerSafe(story.firstOutlet, 200)}${when ? `, ${when}` : ''}`;
}

/** The first reporter's copy, the one a reader would open first. */
function firstUrl(story: AlertStory): string | undefined {
  return safeHttpUrl(story.copies[0]?.url);
}

export function renderDigest(entries: readonly DigestEntry[], opts: RenderOptions): EmailMessage {
  const first = entries[0];
  if (!first) throw new RangeError('a digest needs at least one alert');
  const period = first.intent.mode === 'digest daily' ? 'daily' : 'hourly';
  const list = stories(entries);
  const count = `${list.length} new ${list.length === 1 ? 'story' : 'stories'}`;
  const topic = headerSafe(first.intent.topic, 200);
  const subject = subjectOf(opts.subjectPrefix, topic, `${count} (${period} digest)`);
  const topicUrl = topicPageUrl(opts.storyBaseUrl, first.intent.topic);
  const why = whyYouGotIt(first.intent.topic, first.intent.recipients);
  const text = [
    `Topic: ${topic} · ${period} digest · ${count}, newest first`,
    ...list.map(({ story }) => {
      const url = firstUrl(story);
      const pageUrl = storyPageUrl(opts.storyBaseUrl, story.id);
      return [
        `\n• ${headlineOf(story)}`,
        `  ${summary(story)}`,
        ...(url ? [`  ${url}`] : []),
        ...(pageUrl ? [`  Story page: ${pageUrl}`] : [`  Story id: ${story.id}`]),
      ].join('\n');
    }),
    '',
    ...(topicUrl ? [`Topic page: ${topicUrl}`] : []),
    ...why,
  ].join('\n');
  const items = list.map(({ story }) => {
    const pageUrl = storyPageUrl(opts.storyBaseUrl, story.id);
    return [
      `<li><strong>${link(firstUrl(story), headlineOf(story))}</strong><br>`,
      `<span class="meta">${escapeHtml(summary(story))}</span>`,
      pageUrl ? `<br><span class="meta">${link(pageUrl, 'Story page')}</span>` : '',
      `<br><span class="when">Story id <code>${escapeHtml(story.id)}</code></span></li>`,
    ].join('');
  });
  const html = page(
    subject,
    [
      `<p class="kicker">${escapeHtml(topic)} · ${period} digest</p>`,
      `<h1>${escapeHtml(count)}</h1>`,
      '<h2>Stories, newest first</h2>',
      `<ol class="stories">${items.join('\n')}</ol>`,
      topicUrl ? `<p class="links">${link(topicUrl, `All stories of ${topic}`)}</p>` : '',
      `<p class="footer">Each story is listed once, however many outlets carry it.<br>${why.map(escapeHtml).join(' ')}</p>`,
    ].join('\n'),
  );
  const keys = entries.map(({ intent }) => `${intent.storyId}:${intent.topic}`).sort();
  return {
    id: `digest:${first.intent.dueAt}:${keys.join(',')}`,
    to: first.intent.recipients,
    subject,
    text,
    html,
  };
}

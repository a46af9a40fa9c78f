/**
 * Turns an alert into an email a desk can act on without opening anything else: the story's
 * headline and first reporter, every outlet carrying it so far (earliest first, each with its own
 * headline, link and time), why it matched, and where to read more. An HTML part and a plain-text
 * part carry the same content. Every feed-supplied value goes through escape.ts.
 */

import { textAttributes } from '../html/lang.ts';
import type { AlertIntent } from '../model.ts';
import type { EmailMessage } from '../ports.ts';
import { escapeHtml, headerSafe, link, readableTime, safeHttpUrl } from './escape.ts';
import { highlightHtml, highlightText } from './highlight.ts';
import { page } from './layout.ts';
import { spreadTable, spreadText } from './spread.ts';
import type { AlertStory, StoryCopy } from './story.ts';

export interface RenderOptions {
  subjectPrefix: string;
  /** Where the reading page is served; emails link `<base>/stories/<id>` and `<base>/topics/<name>`. */
  storyBaseUrl?: string;
}

const ONCE = 'You get one email per story and topic, however many outlets carry it.';

/** What the email is: a new story, or the follow-up the topic asked for at a number of outlets. */
function kind(intent: AlertIntent): { kicker: string; topic: string; footer: string } {
  const topic = headerSafe(intent.topic, 200);
  if (intent.outlets === undefined) return { kicker: `${topic} · new story`, topic, footer: ONCE };
  return {
    kicker: `${topic} · update: reached ${intent.outlets} outlets`,
    topic: `${topic} (now ${intent.outlets}+ outlets)`,
    footer: `You asked for one more email when a story reaches ${intent.outlets} outlets; this is the only one.`,
  };
}

export function storyPageUrl(base: string | undefined, storyId: string): string | undefined {
  return safeHttpUrl(base && `${base.replace(/\/+$/, '')}/stories/${encodeURIComponent(storyId)}`);
}

export function topicPageUrl(base: string | undefined, topic: string): string | undefined {
  return safeHttpUrl(base && `${base.replace(/\/+$/, '')}/topics/${encodeURIComponent(topic)}`);
}

/** Why this reader got the email and how to stop it, in words for both parts. */
export function whyYouGotIt(topic: string, recipients: readonly string[]): string[] {
  const who = recipients.length === 1 ? `${recipients[0]} is` : 'your address is';
  return [
    `You get this because ${who} a recipient of the topic "${headerSafe(topic, 200)}" in newswatch's configuration file.`,
    "To stop, remove the address from that topic's recipients (or the topic) in that file; on AWS, deploy it again.",
  ];
}

interface Links {
  story?: string;
  topic?: string;
}

/** Never empty, so a subject never ends in "topic:". */
export function headlineOf(story: AlertStory): string {
  return headerSafe(story.headline, 500) || `Untitled report from ${headerSafe(story.firstOutlet, 200)}`;
}

export function subjectOf(prefix: string, topic: string, rest: string): string {
  return headerSafe([prefix, `${headerSafe(topic, 200)}:`, rest].filter(Boolean).join(' '));
}

function copyTime(copy: StoryCopy): string {
  const published = readableTime(copy.published);
  if (published) return published;
  const seen = readableTime(copy.firstSeen);
  return seen ? `no publish time; seen ${seen}` : 'no publish time';
}

function outletsLine(story: AlertStory): string {
  const n = story.copies.length;
  return `Carried by ${n} outlet${n === 1 ? '' : 's'} so far`;
}

function firstReportLine(story: AlertStory): string {
  const when = readableTime(story.firstPublished);
  return `First reported by ${headerSafe(story.firstOutlet, 200)}${when ? `, published ${when}` : ''}`;
}

function copyTitle(copy: StoryCopy): string {
  return headerSafe(copy.title, 500) || '(untitled)';
}

function textPart(intent: AlertIntent, story: AlertStory, links: Links): string {
  const terms = intent.terms.map((t) => headerSafe(t, 100));
  const snippet = headerSafe(intent.snippet, 600);
  const copies = story.copies.flatMap((c, i) => {
    const url = safeHttpUrl(c.url);
    return [
      `${i + 1}. ${headerSafe(c.outlet, 200)} · ${copyTime(c)}`,
      `   ${copyTitle(c)}`,
      ...(url ? [`   ${url}`] : []),
    ];
  });
  return [
    `Topic: ${kind(intent).kicker}`,
    '',
    headlineOf(story),
    firstReportLine(story),
    '',
    `${outletsLine(story)}, earliest first:`,
    ...copies,
    '',
    ...spreadText(story.copies),
    'Why it matched:',
    `Terms: ${terms.join(', ') || '(none recorded)'} · in ${headerSafe(intent.outlet, 200)}'s copy`,
    ...(snippet ? [`"${highlightText(snippet, terms, story.lang)}"`] : []),
    '',
    `Story id: ${intent.storyId}`,
    ...(links.story ? [`Story page: ${links.story}`] : []),
    ...(links.topic ? [`Topic page: ${links.topic}`] : []),
    '',
    kind(intent).footer,
    ...whyYouGotIt(intent.topic, intent.recipients),
  ].join('\n');
}

function copyItem(copy: StoryCopy): string {
  return [
    `<li><strong>${escapeHtml(headerSafe(copy.outlet, 200))}</strong>`,
    ` <span class="when">· ${escapeHtml(copyTime(copy))}</span><br>`,
    `<span${textAttributes(copy.lang)}>${link(copy.url, copyTitle(copy))}</span></li>`,
  ].join('');
}

function htmlBody(intent: AlertIntent, story: AlertStory, links: Links): string {
  const terms = intent.terms.map((t) => headerSafe(t, 100));
  const snippet = headerSafe(intent.snippet, 600);
  const termList = terms.map((t) => `<mark>${escapeHtml(t)}</mark>`).join(', ') || '(none recorded)';
  return [
    `<p class="kicker">${escapeHtml(kind(intent).kicker)}</p>`,
    `<h1${textAttributes(story.lang)}>${escapeHtml(headlineOf(story))}</h1>`,
    `<p class="meta">${escapeHtml(firstReportLine(story))}<br>${escapeHtml(outletsLine(story))}</p>`,
    '<h2>Outlets, earliest first</h2>',
    `<ol class="copies">${story.copies.map(copyItem).join('\n')}</ol>`,
    spreadTable(story.copies),
    '<h2>Why it matched</h2>',
    '<div class="why">',
    `<p class="meta">Terms: ${termList} · in ${escapeHtml(headerSafe(intent.outlet, 200))}'s copy</p>`,
    snippet ? `<p${textAttributes(story.lang)}>${highlightHtml(snippet, terms, story.lang)}</p>` : '',
    '</div>',
    links.story || links.topic
      ? `<p class="links">${[links.story && link(links.story, 'Open the story page'), links.topic && link(links.topic, `All stories of ${headerSafe(intent.topic, 200)}`)].filter(Boolean).join(' · ')}</p>`
      : '',
    '<p class="footer">',
    `Story id <code>${escapeHtml(intent.storyId)}</code>`,
    `<br>${escapeHtml(kind(intent).footer)}`,
    `<br>${whyYouGotIt(intent.topic, intent.recipients).map(escapeHtml).join(' ')}</p>`,
  ].join('\n');
}

export function renderAlert(intent: AlertIntent, story: AlertStory, opts: RenderOptions): EmailMessage {
  const subject = subjectOf(opts.subjectPrefix, kind(intent).topic, headlineOf(story));
  const links = {
    story: storyPageUrl(opts.storyBaseUrl, intent.storyId),
    topic: topicPageUrl(opts.storyBaseUrl, intent.topic),
  };
  return {
    id: `alert:${intent.storyId}:${intent.topic}${intent.outlets === undefined ? '' : `:+${intent.outlets}`}`,
    to: intent.recipients,
    subject,
    text: textPart(intent, story, links),
    html: page(subject, htmlBody(intent, story, links)),
  };
}

/**
 * Turns an alert intent into an email. Every value in it came from a feed somebody else
 * controls, so each one is escaped for its context: HTML-escaped in the body, stripped of line
 * breaks in the subject (no header injection), and links kept only when they are http(s).
 */
import type { AlertIntent } from '../model.ts';
import type { EmailMessage } from '../ports.ts';

const SUBJECT_MAX = 180;
/** C0 controls, DEL and the Unicode line separators: built from code points to keep them visible. */
const CONTROL_CHARS = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(31)}\\u007f\\u2028\\u2029]+`,
  'g',
);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One line, no control characters, bounded length. */
export function headerSafe(text: string, max = SUBJECT_MAX): string {
  const line = text.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Only absolute http(s) URLs become links: a feed can put `javascript:` anywhere. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function renderAlert(intent: AlertIntent, subjectPrefix: string): EmailMessage {
  const url = safeHttpUrl(intent.url);
  const headline = headerSafe(intent.headline, 500);
  const outlet = headerSafe(intent.outlet, 200);
  const terms = intent.terms.map((t) => headerSafe(t, 100));
  const snippet = headerSafe(intent.snippet, 600);
  const subject = headerSafe(`${subjectPrefix} ${intent.topic}: ${headline}`);

  const text = [
    `Topic: ${headerSafe(intent.topic, 200)}`,
    `Story: ${headline}`,
    `First reported by: ${outlet}`,
    url ? `Link: ${url}` : undefined,
    terms.length ? `Matched: ${terms.join(', ')}` : undefined,
    snippet ? `\n${snippet}` : undefined,
    `\nStory id: ${intent.storyId}. You get one email per story and topic, however many outlets carry it.`,
  ]
    .filter((line) => line !== undefined)
    .join('\n');

  const link = url ? `<a href="${escapeHtml(url)}">${escapeHtml(headline)}</a>` : escapeHtml(headline);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;max-width:40em">',
    `<p style="color:#555">Topic: <strong>${escapeHtml(intent.topic)}</strong></p>`,
    `<h2 style="margin:0.2em 0">${link}</h2>`,
    `<p>First reported by ${escapeHtml(outlet)}</p>`,
    terms.length ? `<p>Matched: ${terms.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</p>` : '',
    snippet ? `<blockquote style="color:#333">${escapeHtml(snippet)}</blockquote>` : '',
    `<p style="color:#888;font-size:small">Story ${escapeHtml(intent.storyId)}. One email per story and topic, however many outlets carry it.</p>`,
    '</body></html>',
  ].join('\n');

  return { to: intent.recipients, subject, text, html };
}

/** One email for every story a digest topic collected since its last digest. */
export function renderDigest(intents: readonly AlertIntent[], subjectPrefix: string): EmailMessage {
  const first = intents[0];
  if (!first) throw new RangeError('a digest needs at least one alert');
  const period = first.mode === 'digest daily' ? 'daily' : 'hourly';
  const topic = headerSafe(first.topic, 200);
  const subject = headerSafe(`${subjectPrefix} ${topic}: ${intents.length} new stories (${period} digest)`);
  const entries = intents.map((intent) => ({
    headline: headerSafe(intent.headline, 500),
    outlet: headerSafe(intent.outlet, 200),
    url: safeHttpUrl(intent.url),
    snippet: headerSafe(intent.snippet, 400),
  }));
  const text = [
    `Topic: ${topic}: ${intents.length} new stories`,
    ...entries.map(
      (e) =>
        `\n• ${e.headline} (${e.outlet})${e.url ? `\n  ${e.url}` : ''}${e.snippet ? `\n  ${e.snippet}` : ''}`,
    ),
  ].join('\n');
  const items = entries.map((e) => {
    const title = e.url
      ? `<a href="${escapeHtml(e.url)}">${escapeHtml(e.headline)}</a>`
      : escapeHtml(e.headline);
    return `<li><strong>${title}</strong> — ${escapeHtml(e.outlet)}<br><span style="color:#333">${escapeHtml(e.snippet)}</span></li>`;
  });
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;max-width:40em">',
    `<p style="color:#555">Topic: <strong>${escapeHtml(topic)}</strong> · ${period} digest</p>`,
    `<ul>${items.join('\n')}</ul>`,
    '</body></html>',
  ].join('\n');
  return { to: first.recipients, subject, text, html };
}

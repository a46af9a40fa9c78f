/**
 * A story's spread in an email: a small table of outlets by time with a bar for the delay after
 * the earliest copy. Table cells and inline styles only, because mail clients drop SVG, block
 * remote images and ignore most stylesheets; the bar is decoration, the words carry the figures.
 */
import { readableSpan } from '../query/readable.ts';
import { escapeHtml, headerSafe, readableTime } from './escape.ts';
import type { StoryCopy } from './story.ts';

interface Timed {
  outlet: string;
  at: number;
  seenOnly: boolean;
}

const BAR_MAX_PERCENT = 100;

function timed(copies: readonly StoryCopy[]): Timed[] {
  return copies.flatMap((c) => {
    const at = Date.parse(c.published ?? c.firstSeen ?? '');
    return Number.isNaN(at) ? [] : [{ outlet: headerSafe(c.outlet, 200), at, seenOnly: !c.published }];
  });
}

const delay = (t: Timed, start: number) => (t.at === start ? 'first' : `+${readableSpan(t.at - start)}`);

const when = (t: Timed) => `${t.seenOnly ? 'seen ' : ''}${readableTime(new Date(t.at).toISOString()) ?? ''}`;

/** Two copies or more: with one there is no spread to show. */
function spreadOf(copies: readonly StoryCopy[]): { rows: Timed[]; start: number; span: number } | undefined {
  const rows = timed(copies).sort((a, b) => a.at - b.at);
  const start = rows[0]?.at;
  const end = rows.at(-1)?.at;
  if (rows.length < 2 || start === undefined || end === undefined) return undefined;
  return { rows, start, span: end - start };
}

export function spreadTable(copies: readonly StoryCopy[]): string {
  const spread = spreadOf(copies);
  if (!spread) return '';
  const { rows, start, span } = spread;
  const bar = (t: Timed) => {
    const width = span > 0 ? Math.max(2, Math.round(((t.at - start) / span) * BAR_MAX_PERCENT)) : 2;
    return `<span style="display:inline-block;height:8px;width:${width}%;background:#0b57d0;border-radius:2px"></span>`;
  };
  const body = rows.map(
    (t) =>
      `<tr><th scope="row" style="text-align:left;padding:4px 8px 4px 0;font-weight:600">${escapeHtml(t.outlet)}</th>` +
      `<td style="padding:4px 8px 4px 0;white-space:nowrap">${escapeHtml(when(t))}</td>` +
      `<td style="padding:4px 0;width:40%">${bar(t)}<br>${escapeHtml(delay(t, start))}</td></tr>`,
  );
  return [
    '<h2>How it spread</h2>',
    '<table class="spread" style="border-collapse:collapse;width:100%;font-size:14px">',
    '<thead><tr><th scope="col" style="text-align:left">Outlet</th><th scope="col" style="text-align:left">Time</th><th scope="col" style="text-align:left">After the first</th></tr></thead>',
    `<tbody>${body.join('')}</tbody></table>`,
  ].join('\n');
}

export function spreadText(copies: readonly StoryCopy[]): string[] {
  const spread = spreadOf(copies);
  if (!spread) return [];
  const { rows, start, span } = spread;
  return [
    `How it spread (${readableSpan(span)} from first to last):`,
    ...rows.map((t) => `  ${delay(t, start).padEnd(14)} ${t.outlet}`),
    '',
  ];
}

/**
 * A story's spread, drawn: one row per outlet, each copy placed by when it was published, the
 * first report marked. Inline SVG styled by page.css (classes, no inline styles, so the page's
 * CSP holds and dark mode recolours it), with a title and description for screen readers and a
 * table that says the same in words.
 */
import type { StoryMember } from '../query/queries.ts';
import { readableSpan, readableTime } from '../query/readable.ts';
import { type Html, html } from './html.ts';

interface Point {
  outlet: string;
  title: string;
  at: number;
  /** The item gave no publish time: placed at when newswatch first saw it. */
  seenOnly: boolean;
  first: boolean;
}

const WIDTH = 640;
const LABEL_WIDTH = 170;
const RIGHT_PAD = 28;
const ROW = 30;
const TOP = 34;
const AXIS = 40;
const LABEL_CHARS = 22;

function pointsOf(members: readonly StoryMember[]): Point[] {
  return members.flatMap((m) => {
    const when = m.published ?? m.firstSeen;
    const at = when ? Date.parse(when) : Number.NaN;
    if (!m.outlet || Number.isNaN(at)) return [];
    const title = m.title?.trim() || '(untitled)';
    return [{ outlet: m.outlet, title, at, seenOnly: !m.published, first: m.firstReport }];
  });
}

const after = (p: Point, start: number) =>
  p.at === start ? 'at the start' : `after ${readableSpan(p.at - start)}`;

const whenOf = (p: Point) =>
  `${p.seenOnly ? 'no publish time, first seen' : 'published'} ${readableTime(new Date(p.at).toISOString())}`;

function describe(points: readonly Point[], outlets: readonly string[], start: number, end: number): string {
  const first = points.find((p) => p.first) ?? points[0];
  const span = end > start ? ` over ${readableSpan(end - start)}` : '';
  const others = points
    .filter((p) => p !== first)
    .map((p) => `${p.outlet} ${after(p, start)}`)
    .join(', ');
  const lead = first ? `${first.outlet} reported first, ${whenOf(first)}` : '';
  return `${points.length} cop${points.length === 1 ? 'y' : 'ies'} at ${outlets.length} outlet${outlets.length === 1 ? '' : 's'}${span}. ${lead}${others ? `; then ${others}` : ''}.`;
}

function shortName(outlet: string): string {
  return outlet.length > LABEL_CHARS ? `${outlet.slice(0, LABEL_CHARS - 1)}…` : outlet;
}

function mark(p: Point, x: number, y: number): Html {
  const label = html`<title>${p.outlet}${p.first ? ' (first report)' : ''}: ${p.title}, ${whenOf(p)}</title>`;
  const cls = `mark${p.seenOnly ? ' seen-only' : ''}`;
  if (!p.first) return html`<g class="${cls}">${label}<circle cx="${x}" cy="${y}" r="6"/></g>`;
  const d = 9;
  return html`<g class="${cls} first">${label}<polygon points="${`${x},${y - d} ${x + d},${y} ${x},${y + d} ${x - d},${y}`}"/></g>`;
}

function legend(anySeenOnly: boolean): Html {
  const x = LABEL_WIDTH;
  const seenOnly = html`<circle class="seen-only" cx="${x + 200}" cy="16" r="6"/><text x="${x + 212}" y="21">no publish time</text>`;
  return html`<g class="legend" aria-hidden="true"><polygon points="${`${x + 8},8 ${x + 16},16 ${x + 8},24 ${x},16`}"/><text x="${x + 22}" y="21">first report</text><circle cx="${x + 130}" cy="16" r="6"/><text x="${x + 142}" y="21">copy</text>${anySeenOnly ? seenOnly : ''}</g>`;
}

function chart(points: readonly Point[], outlets: readonly string[], start: number, end: number): Html {
  const height = TOP + outlets.length * ROW + AXIS;
  const plot = WIDTH - LABEL_WIDTH - RIGHT_PAD;
  const x = (at: number) =>
    Math.round(LABEL_WIDTH + 12 + (end > start ? ((at - start) / (end - start)) * plot : 0));
  const y = (outlet: string) => TOP + outlets.indexOf(outlet) * ROW + ROW / 2;
  const axisY = TOP + outlets.length * ROW + 6;
  const rows = outlets.map(
    (o) =>
      html`<text class="outlet" x="${LABEL_WIDTH - 8}" y="${y(o) + 5}" text-anchor="end">${shortName(o)}</text><line class="row" x1="${LABEL_WIDTH}" y1="${y(o)}" x2="${WIDTH - 8}" y2="${y(o)}"/>`,
  );
  return html`<svg class="spread-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="spread-title spread-desc" xmlns="http://www.w3.org/2000/svg">
<title id="spread-title">How the story spread: outlets by publish time</title>
<desc id="spread-desc">${describe(points, outlets, start, end)}</desc>
${legend(points.some((p) => p.seenOnly))}${rows}
<line class="axis" x1="${LABEL_WIDTH}" y1="${axisY}" x2="${WIDTH - 8}" y2="${axisY}"/>
<text class="tick" x="${LABEL_WIDTH}" y="${axisY + 20}">${readableTime(new Date(start).toISOString())}</text>
${end > start ? html`<text class="tick" x="${WIDTH - 8}" y="${axisY + 20}" text-anchor="end">+${readableSpan(end - start)}</text>` : ''}
${points.map((p) => mark(p, x(p.at), y(p.outlet)))}
</svg>`;
}

function table(points: readonly Point[], start: number): Html {
  const rows = [...points]
    .sort((a, b) => a.at - b.at)
    .map(
      (p) =>
        html`<tr${p.first ? html` class="first"` : ''}><th scope="row">${p.outlet}</th><td>${whenOf(p)}</td><td>${p.first ? 'first report' : after(p, start)}</td></tr>`,
    );
  return html`<table class="spread-table"><caption>Copies by time</caption><thead><tr><th scope="col">Outlet</th><th scope="col">When</th><th scope="col">After the earliest copy</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The timeline and its table; nothing when no copy has a time yet. */
export function spreadSection(members: readonly StoryMember[]): Html {
  const points = pointsOf(members);
  if (points.length === 0) return html``;
  const times = points.map((p) => p.at);
  const start = Math.min(...times);
  const end = Math.max(...times);
  // Rows in the story's credit order: the first reporter on top.
  const outlets = [...new Set(points.map((p) => p.outlet))];
  return html`<section class="spread" aria-labelledby="spread-heading">
<h2 id="spread-heading">How it spread</h2>
${chart(points, outlets, start, end)}
${table(points, start)}
</section>`;
}

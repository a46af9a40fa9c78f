import { SCRIPT_FONT_RULES } from '../html/lang.ts';

/** The page's one stylesheet, served as /page.css so the CSP needs no inline styles. Phone first. */
export const PAGE_CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1f; --muted: #5d5d6e; --line: #d8d8e0; --accent: #1a56b3; --on-accent: #fff; --first: #b3261e; --bad: #b3261e; }
/* Every pair at 4.5:1 or more against --bg (WCAG AA for body text), in both schemes. */
@media (prefers-color-scheme: dark) {
  :root { --bg: #121214; --fg: #e8e8ee; --muted: #a9a9b8; --line: #3a3a46; --accent: #8ab4f8; --on-accent: #0b1b33; --first: #f2b8b5; --bad: #f2b8b5; }
}
* { box-sizing: border-box; }
/*
 * break-word, not anywhere: a word breaks only when it cannot fit a line, so a table heading
 * never shrinks to "Healt / h". Bare URLs can break anywhere, or they would widen a phone screen.
 */
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); overflow-wrap: break-word; }
.url { overflow-wrap: anywhere; }
header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; font-size: 1.1rem; text-decoration: none; }
nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.45rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
ol, ul { padding-left: 1.25rem; }
.stories { list-style: none; padding: 0; }
.story { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.story h2 { margin: 0 0 .25rem; }
.meta, .reason, .url, .count, .empty { color: var(--muted); font-size: .9rem; }
.meta, .topics, .copy p { margin: .15rem 0; }
.copy { margin-bottom: .9rem; }
.copy .headline { font-weight: 600; }
.badge { background: var(--accent); color: var(--on-accent); border-radius: .25rem; padding: 0 .35rem; font-size: .8rem; }
.terms { font-family: ui-monospace, monospace; font-size: .9rem; }
blockquote { margin: .25rem 0 .75rem; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
.filters select, .filters button { font: inherit; padding: .3rem .5rem; min-height: 2.5rem; max-width: 100%; }
.filters input { font: inherit; padding: .3rem .5rem; min-height: 2.5rem; max-width: 100%; }
.feeds { border-collapse: collapse; width: 100%; }
.feeds th, .feeds td { text-align: left; padding: .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.feeds .failing td:nth-child(2) { color: var(--bad); font-weight: 600; }
.signin { margin: 2rem 0; }
.lead { margin: .35rem 0; }
.spread-chart { display: block; width: 100%; height: auto; margin: .5rem 0; }
.spread-chart text { fill: var(--fg); font-size: 13px; font-family: inherit; }
.spread-chart .tick { fill: var(--muted); }
.spread-chart .row { stroke: var(--line); }
.spread-chart .axis { stroke: var(--muted); }
.spread-chart circle, .spread-chart polygon { fill: var(--accent); }
.spread-chart .first polygon, .spread-chart .legend polygon { fill: var(--first); }
.spread-chart .seen-only circle, .spread-chart circle.seen-only { fill: var(--bg); stroke: var(--accent); stroke-width: 2; }
.spread-table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-bottom: 1rem; }
.spread-table caption { text-align: left; color: var(--muted); }
.spread-table th, .spread-table td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.spread-table tr.first th { color: var(--first); }
.topic-settings { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .25rem 0 .75rem; }
.topic-settings dt { color: var(--muted); }
.topic-settings dd { margin: 0; }
.not-emailed { color: var(--bad); }
.matched-copies { font-size: .9rem; color: var(--muted); }
@media (max-width: 40rem) {
  .feeds thead { display: none; }
  .feeds tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  .feeds td { display: block; border: 0; padding: .1rem 0; }
  .feeds td::before { content: attr(data-label) ": "; color: var(--muted); }
}
${SCRIPT_FONT_RULES}
`;

/** The page's one stylesheet, served as /page.css so the CSP needs no inline styles. Phone first. */
export const PAGE_CSS = `
:root { color-scheme: light dark; --muted: #667; --line: #d8d8e0; --accent: #1a56b3; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
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
.badge { background: var(--accent); color: #fff; border-radius: .25rem; padding: 0 .35rem; font-size: .8rem; }
.terms { font-family: ui-monospace, monospace; font-size: .9rem; }
blockquote { margin: .25rem 0 .75rem; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
.filters select, .filters button { font: inherit; padding: .3rem .5rem; min-height: 2.5rem; }
.filters input { font: inherit; padding: .3rem .5rem; min-height: 2.5rem; max-width: 100%; }
.feeds { border-collapse: collapse; width: 100%; }
.feeds th, .feeds td { text-align: left; padding: .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.feeds .failing td:nth-child(2) { color: var(--bad); font-weight: 600; }
.signin { margin: 2rem 0; }
@media (max-width: 40rem) {
  .feeds thead { display: none; }
  .feeds tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  .feeds td { display: block; border: 0; padding: .1rem 0; }
  .feeds td::before { content: attr(data-label) ": "; color: var(--muted); }
}
`;

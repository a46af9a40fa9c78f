/** A short plain-text excerpt around a hit, for alerts and query results. */

const WIDTH = 200;
// How much text to keep before the hit, so it reads in context without pushing the hit out.
const LEAD = 60;
const WHITESPACE_RE = /\s/;

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c < 32 ? c >= 9 && c <= 13 : c >= 128 && WHITESPACE_RE.test(text[i] ?? ''));
}

export function snippetAround(text: string, start: number, end: number): string {
  let from = Math.max(0, start - LEAD);
  // Start on a word: after the first space between the cut and the hit, if there is one.
  if (from > 0) {
    let i = from;
    while (i < start && !isSpace(text, i)) i++;
    if (i < start) from = i + 1;
  }
  let to = Math.min(text.length, Math.max(from + WIDTH, end));
  // End on a word: at the last space between the hit and the cut, if there is one.
  if (to < text.length) {
    let i = to - 1;
    while (i >= end && !isSpace(text, i)) i--;
    if (i >= end) to = i;
  }
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

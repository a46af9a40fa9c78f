/** A short plain-text excerpt around a hit, for alerts and query results. */

const WIDTH = 200;
// How much text to keep before the hit, so it reads in context without pushing the hit out.
const LEAD = 60;

export function snippetAround(text: string, start: number, end: number): string {
  let from = Math.max(0, start - LEAD);
  if (from > 0) from = nextWordStart(text, from, start);
  let to = Math.min(text.length, Math.max(from + WIDTH, end));
  if (to < text.length) to = lastWordEnd(text, to, end);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

function nextWordStart(text: string, from: number, limit: number): number {
  const space = text.slice(from, limit).search(/\s/);
  return space < 0 ? from : from + space + 1;
}

function lastWordEnd(text: string, to: number, limit: number): number {
  const space = text.slice(limit, to).search(/\s\S*$/);
  return space < 0 ? to : limit + space;
}

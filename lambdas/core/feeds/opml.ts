/**
 * OPML subscription lists, the format Feedly, Inoreader and Miniflux export and import: one
 * `<outline xmlUrl=…>` per feed, nested in folder outlines to any depth.
 */
import sax from 'sax';
import { FeedParseError } from './errors.ts';

export interface OpmlFeed {
  url: string;
  /** The outline's title (or text): the outlet's name as the reader showed it. */
  title?: string;
  /** Enclosing folder outlines, outermost first. */
  folders: string[];
  /** The line of the file its `<outline` starts on (from 1), to name it in messages. */
  line: number;
}

/** Every feed outline, in document order; folders are outlines without an xmlUrl. */
export function readOpml(text: string): OpmlFeed[] {
  const parser = sax.parser(false, { lowercase: true });
  const folders: (string | undefined)[] = [];
  const feeds: OpmlFeed[] = [];
  let sawOpml = false;
  const lineOf = lineFinder(text);
  parser.onerror = () => {
    // Exported lists are often sloppy (bare &, unclosed outlines): keep what sax recovers.
    parser.resume();
  };
  parser.onopentag = (tag) => {
    if (tag.name === 'opml') sawOpml = true;
    if (tag.name !== 'outline') return;
    const attrs = tag.attributes as Record<string, string>;
    const label = (attrs.title ?? attrs.text)?.trim() || undefined;
    const url = attrs.xmlurl?.trim();
    if (url)
      feeds.push({
        url,
        ...(label ? { title: label } : {}),
        folders: folders.filter((f) => f !== undefined),
        // sax is past the tag's attributes when it reports the tag, maybe lines later: its `<` is where it starts.
        line: lineOf(parser.startTagPosition - 1),
      });
    // A feed outline may hold outlines too; only folders name the ones inside.
    folders.push(url ? undefined : label);
  };
  parser.onclosetag = (name) => {
    if (name === 'outline') folders.pop();
  };
  parser.write(text).close();
  if (!sawOpml) throw new FeedParseError('not-a-feed', 'not an OPML document (no <opml> element)');
  return feeds;
}

/** The line (from 1) of a character offset. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

export interface OpmlEntry {
  url: string;
  title?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An OPML 2.0 subscription list, one flat outline per feed. */
export function writeOpml(title: string, entries: readonly OpmlEntry[]): string {
  const outlines = entries.map((e) => {
    const label = escapeXml(e.title ?? e.url);
    return `    <outline type="rss" text="${label}" title="${label}" xmlUrl="${escapeXml(e.url)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeXml(title)}</title></head>`,
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { feedsCommand } from '../../../lambdas/cli/commands/feeds.ts';
import { type CliIO, InputError } from '../../../lambdas/cli/io.ts';
import { parseConfig } from '../../../lambdas/core/config/load.ts';
import { readOpml, writeOpml } from '../../../lambdas/core/feeds/opml.ts';

// An export in the shape reader apps write: folders nested in folders, a feed at the top level.
const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Subscriptions</title></head><body>
  <outline text="News" title="News">
    <outline text="Asia" title="Asia">
      <outline type="rss" text="Harbour Herald" title="Harbour Herald" xmlUrl="https://herald.example/rss.xml" htmlUrl="https://herald.example/"/>
    </outline>
    <outline type="rss" text="Northern Wire &amp; Co" xmlUrl="https://wire.example/atom.xml"/>
  </outline>
  <outline type="rss" xmlUrl="https://metro.example/feed.json"/>
  <outline text="Not a feed" htmlUrl="https://blog.example/"/>
</body></opml>`;

describe('readOpml', () => {
  it('reads every feed outline with its folders, at any depth, and the line it starts on', () => {
    expect(readOpml(OPML)).toEqual([
      { url: 'https://herald.example/rss.xml', title: 'Harbour Herald', folders: ['News', 'Asia'], line: 5 },
      { url: 'https://wire.example/atom.xml', title: 'Northern Wire & Co', folders: ['News'], line: 7 },
      { url: 'https://metro.example/feed.json', folders: [], line: 9 },
    ]);
  });

  it("names the line an outline's tag starts on when its attributes span several", () => {
    const text =
      '<opml version="2.0"><body>\n<outline\n  text="A"\n  xmlUrl="https://a.example/"/>\n</body></opml>';
    expect(readOpml(text).map((f) => f.line)).toEqual([2]);
  });

  it('refuses a file that is not OPML', () => {
    expect(() => readOpml('<rss version="2.0"><channel/></rss>')).toThrow(/not an OPML document/);
  });

  it('reads back what writeOpml wrote, escapes included', () => {
    const text = writeOpml('mine', [{ url: 'https://x.example/?a=1&b="2"', title: 'A <b> & "c"' }]);
    expect(readOpml(text)).toEqual([
      { url: 'https://x.example/?a=1&b="2"', title: 'A <b> & "c"', line: 5, folders: [] },
    ]);
  });
});

const CONFIG = `# my feeds
feeds:
  - { id: herald, url: "https://herald.example/rss.xml" } # already subscribed
topics:
  - name: Japan
    query: Japan
alerts: { from: newswatch@example.com }
fetch: { contactUrl: "https://example.com/contact" }
`;

let dir: string;
let out: string[];
let io: CliIO;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newswatch-opml-'));
  out = [];
  io = { stdout: (t) => out.push(t), stderr: () => undefined, cwd: dir };
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  writeFileSync(join(dir, 'subs.opml'), OPML);
});

describe('newswatch feeds import / export', () => {
  it('adds the feeds the config lacks, keeping its comments, with valid unique ids', async () => {
    expect(await feedsCommand(['import', 'subs.opml', '--config', 'config.yaml'], io)).toBe(0);
    expect(out.join('')).toBe(`2 feeds added to ${join(dir, 'config.yaml')}, 1 already there\n`);
    const text = readFileSync(join(dir, 'config.yaml'), 'utf8');
    expect(text).toContain('# already subscribed');
    const config = parseConfig(text, 'config.yaml');
    expect(config.feeds.map((f) => [f.id, f.url, f.outlet])).toEqual([
      ['herald', 'https://herald.example/rss.xml', undefined],
      ['northern-wire-co', 'https://wire.example/atom.xml', 'Northern Wire & Co'],
      ['metro-example', 'https://metro.example/feed.json', undefined],
    ]);
  });

  it('adds nothing the second time', async () => {
    await feedsCommand(['import', 'subs.opml', '--config', 'config.yaml'], io);
    const once = readFileSync(join(dir, 'config.yaml'), 'utf8');
    await feedsCommand(['import', 'subs.opml', '--config', 'config.yaml'], io);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(once);
  });

  it('refuses a file that is not OPML as bad input', async () => {
    writeFileSync(join(dir, 'not.opml'), '<html><body>hi</body></html>');
    await expect(feedsCommand(['import', 'not.opml', '--config', 'config.yaml'], io)).rejects.toThrow(
      InputError,
    );
  });

  it('exports the configured feeds as OPML that imports again', async () => {
    await feedsCommand(['import', 'subs.opml', '--config', 'config.yaml'], io);
    out = [];
    expect(await feedsCommand(['export', '--config', 'config.yaml'], io)).toBe(0);
    expect(readOpml(out.join('')).map((f) => [f.url, f.title])).toEqual([
      ['https://herald.example/rss.xml', 'herald'],
      ['https://wire.example/atom.xml', 'Northern Wire & Co'],
      ['https://metro.example/feed.json', 'metro-example'],
    ]);
  });
});

/**
 * A reader app's export of a few hundred feeds, in nested folders, with the characters URLs and
 * names carry that YAML treats specially; `bad` is the one outline that is not a feed newswatch
 * can fetch. The expected values are the generator's own, not the importer's.
 */
function bigExport(count: number, bad: number) {
  const feeds: { url: string; title: string }[] = [];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0"><head><title>Export</title></head>',
    '<body>',
  ];
  const names = [
    'Yes',
    'On: the record',
    '#1 Daily',
    'Café "Le Monde"',
    'No',
    '1999',
    'Wire & Co, Ltd',
    "Tokyo's [news]",
  ];
  let badLine = 0;
  for (let i = 0; i < count; i++) {
    if (i % 40 === 0) lines.push(`<outline text="Folder ${i / 40}">`, '  <outline text="Inner">');
    const title = `${names[i % names.length]} ${i % 3 === 0 ? '' : i}`.trim();
    if (i === bad) {
      badLine = lines.length + 1;
      lines.push(`    <outline type="rss" text="Broken" xmlUrl="ftp://files.example/feed-${i}.xml"/>`);
    } else {
      const url = `https://site${i}.example/feed?id=${i}&format=rss#top:${i}`;
      feeds.push({ url, title });
      lines.push(`    <outline type="rss" text="${escapeXml(title)}" xmlUrl="${escapeXml(url)}"/>`);
    }
    if (i % 40 === 39 || i === count - 1) lines.push('  </outline>', '</outline>');
  }
  lines.push('</body></opml>', '');
  return { text: lines.join('\n'), feeds, badLine };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

describe('newswatch feeds export of the local demo configuration', () => {
  it('writes the URLs the feeds are fetched from, not the {{samples}} placeholder', async () => {
    const text = readFileSync(join(process.cwd(), 'config/local.yaml'), 'utf8');
    const port = /samplePort: (\d+)/.exec(text)?.[1];
    const placeholders = text.match(/url: "?\{\{samples\}\}[^"\s,}]*/g) ?? [];
    writeFileSync(join(dir, 'local.yaml'), text);
    expect(await feedsCommand(['export', '--config', 'local.yaml'], io)).toBe(0);
    const urls = readOpml(out.join('')).map((f) => f.url);
    expect(placeholders.length).toBeGreaterThan(0);
    expect(urls).toEqual(
      placeholders.map((p) => p.replace(/^url: "?\{\{samples\}\}/, `http://127.0.0.1:${port}`)),
    );
  });
});

describe('newswatch feeds import of a large export into the example configuration', () => {
  it('keeps every original line, imports the good outlines and names the bad one by its line', async () => {
    const original = readFileSync(join(process.cwd(), 'config/example.yaml'), 'utf8');
    writeFileSync(join(dir, 'example.yaml'), original);
    const { text, feeds, badLine } = bigExport(300, 137);
    writeFileSync(join(dir, 'big.opml'), text);
    const err: string[] = [];
    const code = await feedsCommand(['import', 'big.opml', '--config', 'example.yaml'], {
      ...io,
      stderr: (t) => err.push(t),
    });

    expect(code).toBe(2);
    expect(err.join('')).toBe(
      `newswatch feeds import: big.opml line ${badLine}: not imported: url: only http and https feeds: ftp://files.example/feed-137.xml\n`,
    );
    expect(out.join('')).toBe(
      `299 feeds added to ${join(dir, 'example.yaml')}, 0 already there, 1 refused\n`,
    );

    // The new entries are one contiguous block; removed, what is left is the original, byte for byte.
    const before = original.split('\n');
    const after = readFileSync(join(dir, 'example.yaml'), 'utf8').split('\n');
    expect(after).toHaveLength(before.length + 299);
    const first = after.findIndex((line, i) => line !== before[i]);
    expect([...after.slice(0, first), ...after.slice(first + 299)]).toEqual(before);
    expect(after.slice(first, first + 299).every((line) => line.startsWith('  - { id: '))).toBe(true);

    // Read as YAML 1.1 (PyYAML's), every id, URL and name is still the string it was.
    const yaml11 = parse(after.join('\n'), { version: '1.1' }) as { feeds: Record<string, unknown>[] };
    const added = yaml11.feeds.slice(2);
    expect(added.map((f) => [f.url, f.outlet])).toEqual(feeds.map((f) => [f.url, f.title]));
    expect(added.every((f) => typeof f.id === 'string')).toBe(true);
    const config = parseConfig(after.join('\n'), 'example.yaml');
    expect(config.feeds.map((f) => f.url)).toEqual([
      'https://www.japantimes.co.jp/feed/',
      'https://japantoday.com/feed',
      ...feeds.map((f) => f.url),
    ]);
  });
});

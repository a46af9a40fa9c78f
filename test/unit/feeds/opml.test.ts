import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
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
  it('reads every feed outline with its folders, at any depth', () => {
    expect(readOpml(OPML)).toEqual([
      { url: 'https://herald.example/rss.xml', title: 'Harbour Herald', folders: ['News', 'Asia'] },
      { url: 'https://wire.example/atom.xml', title: 'Northern Wire & Co', folders: ['News'] },
      { url: 'https://metro.example/feed.json', folders: [] },
    ]);
  });

  it('refuses a file that is not OPML', () => {
    expect(() => readOpml('<rss version="2.0"><channel/></rss>')).toThrow(/not an OPML document/);
  });

  it('reads back what writeOpml wrote, escapes included', () => {
    const text = writeOpml('mine', [{ url: 'https://x.example/?a=1&b="2"', title: 'A <b> & "c"' }]);
    expect(readOpml(text)).toEqual([
      { url: 'https://x.example/?a=1&b="2"', title: 'A <b> & "c"', folders: [] },
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

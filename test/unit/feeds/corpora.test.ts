import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { sharedFolder } from '../../support/shared.ts';

const { dir: corpora, runs } = sharedFolder('corpora');
const SUITES = [
  'feedparser-tests',
  'gofeed-testdata',
  'feed-rs-fixtures',
  'rss-parser-tests',
  'w3c-feedvalidator-testcases',
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function read(suite: string, file: string): Uint8Array {
  return readFileSync(path.join(corpora, suite, file));
}

describe.runIf(runs)('external feed suites', () => {
  it('every input gives a feed or a FeedParseError, never another error', { timeout: 180_000 }, async () => {
    const others: string[] = [];
    for (const suite of SUITES) {
      for (const file of walk(path.join(corpora, suite))) {
        if (/(SOURCE\.txt|LICENSE[^/]*|\.htaccess)$/.test(file)) continue;
        await parseFeed(readFileSync(file), { url: 'https://corpus.invalid/feed' }).catch((err: unknown) => {
          if (!(err instanceof FeedParseError))
            others.push(`${path.relative(corpora, file)}: ${String(err)}`);
        });
      }
    }
    expect(others).toEqual([]);
  });

  it('reads the BBC podcast feed (RSS 2.0 with iTunes extensions)', async () => {
    const feed = await parseFeed(read('feed-rs-fixtures', 'rss2/rss_2.0_bbc.xml'), {
      url: 'http://www.bbc.co.uk/programmes/b006qykl/episodes/downloads.rss',
    });
    expect(feed.title).toBe('In Our Time');
    expect(feed.items[0]).toMatchObject({
      title: 'Marcus Aurelius',
      guid: 'urn:bbc:podcast:m000sjxt',
      link: 'http://www.bbc.co.uk/programmes/m000sjxt',
      published: '2021-02-25T10:15:00.000Z',
    });
  });

  it('reads heise Atom and the Portuguese ISO-8859-1 feed', async () => {
    const heise = await parseFeed(read('rss-parser-tests', 'input/heise.atom'), {
      url: 'https://www.heise.de/',
    });
    expect(heise.items[0]).toMatchObject({
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      guid: 'http://heise.de/-3088438',
      published: '2016-02-01T16:22:00.000Z',
    });
    const pt = await parseFeed(read('rss-parser-tests', 'input/encoding.rss'), {
      url: 'https://pt.invalid/',
    });
    expect(pt.items[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
  });

  it('reads a JSON Feed 1.1 with an entity in its title', async () => {
    const feed = await parseFeed(read('feed-rs-fixtures', 'jsonfeed/jsonfeed_elastic_1.1.json'), {
      url: 'https://www.influxdata.com/blog/feed/json',
    });
    expect(feed.format).toBe('json-1.1');
    expect(feed.title).toBe('Blog – InfluxData');
    expect(feed.language).toBe('en-US');
  });
});

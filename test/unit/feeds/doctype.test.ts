import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../lambdas/core/feeds/parse.ts';
import { bytes } from './helpers.ts';

const url = 'https://doctype.example.com/feed';

function billionLaughs(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) {
    levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  }
  return (
    `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('')}]>` +
    '<rss version="2.0"><channel><title>Laughs &lol9;</title>' +
    '<item><title>Item &lol9; one</title><description>ok</description></item></channel></rss>'
  );
}

describe('DOCTYPE handling: entities are never expanded or fetched', () => {
  let server: Server;
  let requests = 0;
  let origin = '';
  let secretPath = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('<!ENTITY leak "LEAKED-OVER-HTTP">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    secretPath = join(mkdtempSync(join(tmpdir(), 'nw-xxe-')), 'secret.txt');
    writeFileSync(secretPath, 'TOP-SECRET-FILE-CONTENT');
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('parses a billion-laughs feed without expanding anything', async () => {
    const feed = await parseFeed(bytes(billionLaughs()), { url });
    expect(feed.title).toBe('Laughs');
    expect(feed.items.map((i) => i.title)).toEqual(['Item one']);
    expect(JSON.stringify(feed)).not.toContain('lollol');
    expect(feed.warnings?.[0]).toContain('DOCTYPE removed');
  });

  it('never reads a file or the network for external entities or an external DTD', async () => {
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${origin}/feed.dtd" [` +
      `<!ENTITY file SYSTEM "file://${secretPath}">` +
      `<!ENTITY web SYSTEM "${origin}/entity">` +
      `<!ENTITY % param SYSTEM "${origin}/param"> %param;]>` +
      '<rss version="2.0"><channel><title>XXE</title>' +
      '<item><title>A &file; B &web; C &leak;</title></item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    const out = JSON.stringify(feed);
    expect(out).not.toContain('TOP-SECRET');
    expect(out).not.toContain('LEAKED');
    expect(feed.items[0]?.title).toBe('A B C &leak;');
    expect(requests).toBe(0);
  });

  it('keeps entity-like text inside CDATA and a DOCTYPE-like string inside an item', async () => {
    const xml =
      '<!DOCTYPE rss [<!ENTITY x "expanded">]><rss version="2.0"><channel>' +
      '<item><title><![CDATA[Literal &x; stays]]></title>' +
      '<description><![CDATA[<!DOCTYPE html><p>text</p>]]></description></item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.title).toBe('Literal &x; stays');
    expect(feed.items[0]?.summary).toBe('text');
  });

  it('refuses an unterminated DOCTYPE with a clear error', async () => {
    const xml = '<!DOCTYPE rss [<!ENTITY a "b"> <rss version="2.0"><channel/></rss>';
    const err = await parseFeed(bytes(xml), { url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect((err as FeedParseError).kind).toBe('unsafe-doctype');
  });

  it('accepts the harmless public DOCTYPE of RSS 0.91', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" ' +
      '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title>' +
      '<item><title>Caf&eacute;</title></item></channel></rss>';
    const feed = await parseFeed(bytes(xml), { url });
    expect(feed.items[0]?.title).toBe('Café');
    expect(feed.warnings).toBeUndefined();
  });
});

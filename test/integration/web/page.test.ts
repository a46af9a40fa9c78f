/**
 * The reading page served locally, over HTTP, from a real DynamoDB stand-in holding what hostile
 * feeds could send: titles with markup, `javascript:` links, an error message with a payload.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { readableTime } from '../../../lambdas/core/query/readable.ts';
import { startWebServer, type WebServer } from '../../../lambdas/local/web-server.ts';
import { testArticle } from '../../support/articles.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../../support/dynamodb.ts';
import { testPipeline } from '../../support/pipeline.ts';

const HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)"> Port deal';
const now = Date.now();

const item = (id: string, outlet: string, title: string, url: string, minutesAgo: number, text = title) =>
  testArticle(id, outlet, title, new Date(now - minutesAgo * 60_000), { feedId: 'f', url, text });

/** One wire report under two headlines: the hostile copy must be escaped wherever the story shows. */
const WIRE_TEXT = 'Port deal <iframe src="https://evil.example"></iframe> signed in Larkspur';
const COPIES = [
  item(
    'evil',
    '"><b onmouseover=alert(4)>Evil Wire</b>',
    HOSTILE_TITLE,
    'javascript:alert(3)',
    90,
    WIRE_TEXT,
  ),
  item(
    'good',
    'Harbour Herald',
    'Port deal signed in Larkspur',
    'https://herald.example/port?a=1&b=2',
    60,
    WIRE_TEXT,
  ),
];

describe('the local reading page', () => {
  let target: DynamoTarget;
  let server: WebServer;
  let mailDir: string;
  let storyId: string;
  const get = async (path: string) => {
    const res = await fetch(new URL(path, server.url));
    return { res, text: await res.text() };
  };

  beforeAll(async () => {
    target = await startDynalite();
    const { doc, tableName } = await createTestTable(target.endpoint);
    const store = createDynamoStore(doc, tableName);
    const { report } = await testPipeline(store, {
      topics: [{ name: 'Larkspur harbour', query: 'larkspur AND port' }],
    }).ingest(COPIES);
    storyId = report.assigned[0]?.story.id as string;
    await store.putFeedState({
      feedId: 'herald',
      outlet: 'Herald Feed',
      url: 'https://herald.example/rss',
      consecutiveFailures: 0,
    });
    await store.putFeedState({
      feedId: 'evil-feed',
      url: 'https://evil.example/feed',
      consecutiveFailures: 2,
      lastErrorAt: new Date(now).toISOString(),
      lastErrorKind: 'parse',
      lastErrorMessage: '<svg onload=alert(5)>',
    });
    const poison = testArticle('poison', 'Evil Wire', '<img src=x onerror="alert(7)">Poison', new Date(now));
    await store.parkItem({
      item: { ...poison, textLength: 4, url: 'javascript:alert(8)' },
      reason: 'the story stage could not assign it',
      error: 'RangeError: <script>alert(9)</script>',
      parkedAt: new Date(now).toISOString(),
    });
    mailDir = mkdtempSync(join(tmpdir(), 'newswatch-mail-'));
    writeFileSync(join(mailDir, '2026-12-03T08-00-00-000Z-2.html'), '<html><body><h1>x</h1></body></html>');
    writeFileSync(
      join(mailDir, '2026-12-03T08-00-00-000Z-2.txt'),
      'To: desk@example.com\nSubject: [newswatch] Larkspur: <b>Port</b> deal\n\nbody',
    );
    writeFileSync(
      join(mailDir, '2026-12-02T08-03-14-619Z-1.html'),
      '<html><body style="color:#333"><h2>Port deal</h2><p>Matched: &lt;larkspur&gt;</p><script>alert(6)</script></body></html>',
    );
    server = await startWebServer({
      port: 0,
      store,
      topics: ['Larkspur harbour', 'Taiwan'],
      topicInfo: [{ name: 'Larkspur harbour', query: 'larkspur AND port' }],
      mailDir,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await target?.stop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  /**
   * No element the page did not write itself: no script, no handler attribute, no javascript:
   * link; the one drawing allowed is the page's own spread timeline.
   */
  function expectInert(text: string) {
    const { document } = parseHTML(text);
    expect(document.querySelectorAll('script, iframe, img, b, foreignObject')).toHaveLength(0);
    expect(
      [...document.querySelectorAll('svg')].filter((svg) => svg.getAttribute('class') !== 'spread-chart'),
    ).toEqual([]);
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.name).not.toMatch(/^on/);
    }
    for (const a of document.querySelectorAll('a'))
      expect(a.getAttribute('href')).not.toMatch(/^\s*javascript:/i);
  }

  it('lists stories newest first with first reporter, outlet count and topics', async () => {
    const { res, text } = await get('/');
    expect(res.status).toBe(200);
    expectInert(text);
    const { document } = parseHTML(text);
    const story = document.querySelector('.story');
    expect(story?.querySelector('h2 a')?.textContent).toBe(HOSTILE_TITLE);
    expect(story?.querySelector('h2 a')?.getAttribute('href')).toBe(`/stories/${storyId}`);
    expect(story?.querySelector('.meta')?.textContent).toContain(
      'First reported by "><b onmouseover=alert(4)>Evil Wire</b>',
    );
    expect(story?.querySelector('.meta')?.textContent).toContain('2 outlets');
    expect(story?.querySelector('.topics a')?.getAttribute('href')).toBe('/?topic=Larkspur+harbour');
  });

  it('shows every copy, how it joined, the topic match and its terms, escaped, linking only http(s)', async () => {
    const { res, text } = await get(`/stories/${storyId}`);
    expect(res.status).toBe(200);
    expectInert(text);
    const { document } = parseHTML(text);
    const copies = [...document.querySelectorAll('.copy')];
    expect(copies).toHaveLength(2);
    expect(copies[0]?.querySelector('.headline')?.textContent).toBe(HOSTILE_TITLE);
    expect(copies[0]?.querySelector('.headline a')).toBeNull();
    expect(copies[1]?.querySelector('.headline a')?.getAttribute('href')).toBe(
      'https://herald.example/port?a=1&b=2',
    );
    expect(copies[1]?.querySelector('.reason')?.textContent).toMatch(
      /^joined: the same event as the story of /,
    );
    const chart = document.querySelector('svg.spread-chart');
    expect(chart?.querySelector('desc')?.textContent).toBe(
      '2 copies at 2 outlets over 30 min. "><b onmouseover=alert(4)>Evil Wire</b> reported first, ' +
        `published ${readableTime(new Date(now - 90 * 60_000).toISOString())}; then Harbour Herald after 30 min.`,
    );
    expect([...document.querySelectorAll('.spread-table tbody th')].map((th) => th.textContent)).toEqual([
      '"><b onmouseover=alert(4)>Evil Wire</b>',
      'Harbour Herald',
    ]);
    const match = document.querySelector('.matches li');
    expect(match?.textContent).toContain('larkspur, port');
    expect(match?.querySelector('blockquote')?.textContent).toContain(
      '<iframe src="https://evil.example"></iframe>',
    );
  });

  it('filters by topic in any case and by time, as shareable query strings', async () => {
    expect((await get('/?topic=larkspur%20HARBOUR&since=24h')).text).toContain(`/stories/${storyId}`);
    expect((await get('/?topic=Taiwan')).text).toContain('No story published in this period.');
    // Published 90 minutes ago, first seen now: the filter reads the publish time.
    expect((await get('/?since=60m')).text).toContain('No story published in this period.');
    expect((await get('/?since=2h')).text).toContain(`/stories/${storyId}`);
    expect((await get('/?since=all')).text).toContain(`/stories/${storyId}`);
    const bad = await get('/?since=yesterday');
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('&#34;yesterday&#34; is not a time');
    expect((await get('/?topic=Japan')).res.status).toBe(404);
  });

  it('shows topics with their stories and feeds with their health, escaped', async () => {
    const topics = await get('/topics');
    expect(topics.text).toContain(`href="/stories/${storyId}"`);
    expect(topics.text).toContain('larkspur, port');
    expectInert(topics.text);
    const topic = parseHTML((await get('/topics/larkspur%20harbour')).text).document;
    expect(topic.querySelector('h1')?.textContent).toBe('Topic: Larkspur harbour');
    expect(topic.querySelector('.topic-settings')?.textContent).toBe(
      'Querylarkspur AND portAlertsnot emailed: tracked and queryable only',
    );
    expect([...topic.querySelectorAll('.matched-copies li')].map((li) => li.textContent)).toEqual([
      '"><b onmouseover=alert(4)>Evil Wire</b>: <script>alert(1)</script><img src=x onerror="alert(2)"> Port deal · larkspur, port',
      'Harbour Herald: Port deal signed in Larkspur · larkspur, port',
    ]);
    expect(topic.querySelector('.topic-stories .meta')?.textContent).toContain(
      '2 matching copies of 2 outlets',
    );
    const feeds = await get('/feeds');
    expectInert(feeds.text);
    const outlets = [...parseHTML(feeds.text).document.querySelectorAll('.feeds tbody strong')];
    expect(outlets.map((o) => o.textContent)).toEqual(['evil-feed', 'Herald Feed']);
    expect(parseHTML(feeds.text).document.querySelector('.failing')?.textContent).toContain(
      'parse <svg onload=alert(5)>',
    );
    const parked = parseHTML(feeds.text).document.querySelector('.parked li');
    expect(parked?.textContent).toContain('Evil Wire: <img src=x onerror="alert(7)">Poison');
    expect(parked?.textContent).toContain('RangeError: <script>alert(9)</script>');
    expect(parked?.querySelector('a')).toBeNull();
  });

  it('answers 404 for an unknown story and sends a strict Content-Security-Policy', async () => {
    const { res } = await get('/stories/nope');
    expect(res.status).toBe(404);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('/page.css')).res.headers.get('content-type')).toContain('text/css');
  });

  it('lists the alert emails sent and shows each sandboxed, as it was sent', async () => {
    const list = await get('/emails');
    expectInert(list.text);
    const [withText, bare] = parseHTML(list.text).document.querySelectorAll('.email');
    expect(withText?.querySelector('a')?.textContent).toBe('[newswatch] Larkspur: <b>Port</b> deal');
    expect(withText?.querySelector('.meta')?.textContent).toMatch(
      /^To desk@example\.com · sent \d+\sd\sago$/,
    );
    // Saved without its text copy: named by its words.
    expect(bare?.querySelector('a')?.textContent).toBe('Port deal Matched: <larkspur>');
    expect(bare?.querySelector('.meta time')?.getAttribute('datetime')).toBe('2026-12-02T08:03:14.619Z');
    expect(bare?.querySelector('.meta time')?.getAttribute('title')).toBe('2026-12-02 08:03 UTC');
    const email = await get(bare?.querySelector('a')?.getAttribute('href') ?? '');
    expect(email.text).toContain('<h2>Port deal</h2>');
    expect(email.text).toContain('<a href="/emails" style="color:#0b57d0">← All alert emails</a>');
    expect(email.res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect((await get('/emails/..%2Fconfig.yaml')).res.status).toBe(404);
  });

  it('answers only requests addressed to this machine, not a rebound name', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((done) => {
      request(new URL('/', server.url), { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        done(res.statusCode);
      }).end();
    });
    expect(status).toBe(421);
  });
});

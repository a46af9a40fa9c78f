/**
 * The reading page in a real browser, as a new user meets it: `newswatch run --once` on the
 * sample outlets, `newswatch serve`, open the page, follow a story, read its copies, its spread and
 * its topic match, the topics, feeds and emails; then axe-core over every page and the demo's
 * emails in both colour schemes. Headless Debian chromium driven by playwright-core. Without
 * chromium the test skips with one line on a developer's machine, and fails under CI, where
 * .ci/run installs it.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOUR_SCHEMES, seriousViolations } from '../support/axe.ts';
import { launchChromium, runBrowserTests } from '../support/chromium.ts';
import { newswatch, REPO_ROOT, type RunningCli, startNewswatch, writeDemoConfig } from '../support/cli.ts';

const OUTPUT_DIR = join(REPO_ROOT, 'test-results', 'browser');
const APPROVAL = 'Port authority approves $480 million Larkspur terminal expansion';
/** The demo's articles are dated; the list filters by publish time, so the tests ask for any publish date. */
const ANY_TIME = '?since=all';

/**
 * Every page axe checks, in both colour schemes. `{approval}` is the demo's three-outlet story.
 * A new page is one more line here.
 */
const AXE_PAGES = [
  '/',
  `/${ANY_TIME}`,
  '/?topic=Taiwan&since=all',
  '/stories/{approval}',
  '/topics',
  '/topics/Larkspur%20harbour',
  '/feeds',
  '/emails',
  '/search?q=Larkspur&since=all',
  '/no-such-page',
];

describe.skipIf(!runBrowserTests)('the reading page in headless chromium', () => {
  let dir: string;
  let serve: RunningCli | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let pageUrl: string;
  let approvalPath: string;
  let mailDir: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-browser-'));
    const config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
    mailDir = join(dir, 'data', 'mail');
    const run = await newswatch(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    serve = startNewswatch(['serve', '--config', config]);
    pageUrl = (await serve.waitFor(/^Stories: (http:\S+)$/m))[1] ?? '';
    browser = await launchChromium(join(dir, 'chromium-profile'));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    mkdirSync(OUTPUT_DIR, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the demo stories newest published first, with lead, times, outlets and topics', async () => {
    await page.goto(`${pageUrl}${ANY_TIME}`);
    expect(await page.title()).toBe('Stories · newswatch');
    // samples/articles.yaml: the approval 2026-11-10, the chip centre 11-09, the court ruling 10-20.
    expect(await page.locator('.story h2 a').allTextContents()).toEqual([
      APPROVAL,
      'Taiwan chipmaker to open research centre in Calder Bay',
      'Court halts Larkspur expansion over dredging permits',
    ]);
    const approval = page.locator('.story', { hasText: APPROVAL });
    const meta = await approval.locator('.meta').textContent();
    expect(meta).toContain('3 outlets: Coastal Daily, Harbour Herald, Northern Wire');
    expect(meta).toMatch(/published \d+\s(d|h|min)\sago/);
    expect(meta).toContain('first seen by newswatch');
    const published = approval.locator('.meta time').first();
    expect(await published.getAttribute('datetime')).toBe('2026-11-10T09:30:00.000Z');
    expect(await published.getAttribute('title')).toBe('2026-11-10 09:30 UTC');
    expect(await approval.locator('.lead').textContent()).toContain('Calder Bay Port Authority voted 7-2');
    expect(await approval.locator('.topics').textContent()).toContain('Larkspur harbour');
  });

  it('filters by publish time, and offers any publish date when a period holds none', async () => {
    await page.goto(`${pageUrl}?since=2026-11-09T12:00Z`);
    expect(await page.locator('.story h2 a').allTextContents()).toEqual([APPROVAL]);
    await page.goto(`${pageUrl}?since=2099-01-01`);
    await page.getByRole('link', { name: 'Show stories of any publish date' }).click();
    await page.waitForURL(/since=all/);
    expect(await page.locator('.story h2 a').count()).toBe(3);
  });

  it('follows a story link to every copy and the topic match', async () => {
    await page.getByRole('link', { name: APPROVAL }).click();
    await page.waitForURL(/\/stories\/[^/]+$/);
    approvalPath = new URL(page.url()).pathname;
    expect(await page.locator('h1').textContent()).toBe(APPROVAL);
    const outlets = await page.locator('.copy .outlet strong').allTextContents();
    expect([...outlets].sort()).toEqual(['Coastal Daily', 'Harbour Herald', 'Northern Wire']);
    expect(await page.locator('.copy .headline a').count()).toBe(3);
    const matches = await page.locator('.matches li').allTextContents();
    expect(matches.some((m) => m.startsWith('Larkspur harbour'))).toBe(true);
    expect(await page.locator('.alerts').textContent()).toContain('harbour-desk@example.com');
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-story.png'), fullPage: true });
  });

  it("draws the story's spread: outlets by publish time, the first report marked, in words too", async () => {
    await page.goto(new URL(approvalPath, pageUrl).href);
    const chart = page.getByRole('img', { name: 'How the story spread: outlets by publish time' });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('text.outlet').allTextContents()).toEqual([
      'Harbour Herald',
      'Northern Wire',
      'Coastal Daily',
    ]);
    expect(await chart.locator('.mark').count()).toBe(3);
    expect(await chart.locator('.mark.first title').textContent()).toMatch(
      /^Harbour Herald \(first report\)/,
    );
    // Left to right in publish order: 09:30, 11:05, 15:40.
    const xs: number[] = await page.evaluate(
      "[...document.querySelectorAll('.spread-chart .mark circle, .spread-chart .mark polygon')].map((e) => e.getBBox().x)",
    );
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(await chart.locator('desc').textContent()).toBe(
      '3 copies at 3 outlets over 6 h 10 min. Harbour Herald reported first, published 2026-11-10 09:30 UTC; then Northern Wire after 1 h 35 min, Coastal Daily after 6 h 10 min.',
    );
    const rows = await page.locator('.spread-table tbody tr').allTextContents();
    expect(rows).toEqual([
      'Harbour Heraldpublished 2026-11-10 09:30 UTCfirst report',
      'Northern Wirepublished 2026-11-10 11:05 UTCafter 1 h 35 min',
      'Coastal Dailypublished 2026-11-10 15:40 UTCafter 6 h 10 min',
    ]);
    await chart.screenshot({ path: join(OUTPUT_DIR, 'page-spread.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-story-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows each topic with its query, its recipients or "not emailed", and the copies that matched', async () => {
    await page.goto(new URL('/topics', pageUrl).href);
    const larkspur = page.locator('section.topic', { hasText: 'Larkspur harbour' });
    expect(await larkspur.locator('.topic-settings').textContent()).toBe(
      'Query@larkspur AND (terminal OR expansion)Alertsemailed to harbour-desk@example.com',
    );
    const approval = larkspur.locator('.topic-stories > li', { hasText: APPROVAL });
    expect(await approval.locator('.meta').first().textContent()).toContain('3 matching copies of 3 outlets');
    const copies = await approval.locator('.matched-copies li').allTextContents();
    expect(copies.map((c) => c.split(':')[0])).toEqual(['Harbour Herald', 'Northern Wire', 'Coastal Daily']);
    const court = page.locator('section.topic', { hasText: 'Court rulings' });
    expect(await court.locator('.not-emailed').textContent()).toBe('not emailed');
  });

  it('names each feed by its outlet, and never breaks a column heading inside a word', async () => {
    await page.goto(new URL('/feeds', pageUrl).href);
    // How many lines each word of each heading spans: one, at a desktop and at a narrow tablet width.
    const lines = `[...document.querySelectorAll('th')].flatMap((th) => {
      const text = th.firstChild;
      return [...text.data.matchAll(/\\S+/g)].map((m) => {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        return m[0] + ':' + new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
    })`;
    for (const width of [1280, 660]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await page.evaluate<string[]>(lines)).toEqual(
        ['Outlet', 'Health', 'Last', 'success', 'Last', 'error', 'Next', 'attempt'].map((w) => `${w}:1`),
      );
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect([...(await page.locator('.feeds tbody td:first-child strong').allTextContents())].sort()).toEqual([
      'Coastal Daily',
      'Harbour Herald',
      'Metro Ledger',
      'Northern Wire',
    ]);
  });

  it('lists the alert emails by subject, and an opened one leads back to the list', async () => {
    await page.goto(pageUrl);
    await page.getByRole('link', { name: 'Alert emails' }).click();
    await page.waitForURL(/\/emails$/);
    const subjects = await page.locator('.email > a').allTextContents();
    expect(subjects).toHaveLength(3);
    expect(new Set(subjects).size).toBe(3);
    expect(subjects.every((s) => s.startsWith('[newswatch] '))).toBe(true);
    expect(subjects).toContain(`[newswatch] Larkspur harbour: ${APPROVAL}`);
    const metas = await page.locator('.email .meta').allTextContents();
    expect(metas.filter((m) => m.startsWith('To harbour-desk@example.com · sent '))).toHaveLength(2);
    await page.getByRole('link', { name: `[newswatch] Larkspur harbour: ${APPROVAL}` }).click();
    await page.waitForURL(/\/emails\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe(APPROVAL);
    await page.getByRole('link', { name: '← All alert emails' }).click();
    await page.waitForURL(/\/emails$/);
  });

  it("leads from an email to its story's page and its topic's page on the local server", async () => {
    const [mail = ''] = mailFiles();
    await page.goto(pathToFileURL(mail).href);
    const storyLink = page.getByRole('link', { name: 'Open the story page' });
    expect(await storyLink.getAttribute('href')).toMatch(new RegExp(`^${pageUrl}stories/`));
    const topicHref = await page.locator('.links a', { hasText: 'All stories of' }).getAttribute('href');
    expect(topicHref).toMatch(new RegExp(`^${pageUrl}topics/`));
    expect(await page.locator('.footer').textContent()).toMatch(
      /a recipient of the topic ".+" in newswatch's configuration file\. To stop, remove the address/,
    );
    await storyLink.click();
    await page.waitForURL(/\/stories\//);
    expect(await page.getByRole('img', { name: /How the story spread/ }).count()).toBe(1);
    await page.goto(topicHref ?? '');
    expect(await page.locator('h1').textContent()).toMatch(/^Topic: /);
  });

  const mailFiles = () =>
    readdirSync(mailDir)
      .filter((f) => /^\d.*\.html$/.test(f))
      .map((f) => join(mailDir, f));

  for (const scheme of COLOUR_SCHEMES) {
    it(`passes axe-core with no serious or critical violation on every page, ${scheme} scheme`, async () => {
      const found: string[] = [];
      for (const path of AXE_PAGES) {
        await page.goto(new URL(path.replace('/stories/{approval}', approvalPath), pageUrl).href);
        found.push(...(await seriousViolations(page, scheme)).map((v) => `${path}: ${v}`));
      }
      expect(found).toEqual([]);
    });

    it(`passes axe-core on the three demo emails, ${scheme} scheme`, async () => {
      const files = mailFiles();
      expect(files).toHaveLength(3);
      const found: string[] = [];
      for (const file of files) {
        await page.goto(pathToFileURL(file).href);
        found.push(...(await seriousViolations(page, scheme)).map((v) => `${file}: ${v}`));
      }
      expect(found).toEqual([]);
    });
  }

  it('fits a phone screen and filters by topic through a shareable link', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${pageUrl}?topic=taiwan&since=all`);
    expect(await page.locator('h1').textContent()).toBe('Stories matching Taiwan');
    expect(await page.locator('select[name=topic]').inputValue()).toBe('Taiwan');
    expect(await page.locator('.story h2 a').allTextContents()).toEqual([
      'Taiwan chipmaker to open research centre in Calder Bay',
    ]);
    // Evaluated in the page: a string, since this file is type-checked without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-phone-topic.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });
});

/**
 * The reading page in a real browser, as a new user meets it: `newswatch run --once` on the
 * sample outlets, `newswatch serve`, open the page, follow a story, read its copies and its topic
 * match. Headless Debian chromium driven by playwright-core. Without chromium the test skips with
 * one line on a developer's machine, and fails under CI, where .ci/run installs it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, runBrowserTests } from '../support/chromium.ts';
import { newswatch, REPO_ROOT, type RunningCli, startNewswatch, writeDemoConfig } from '../support/cli.ts';

const OUTPUT_DIR = join(REPO_ROOT, 'test-results', 'browser');
const APPROVAL = 'Port authority approves $480 million Larkspur terminal expansion';

describe.skipIf(!runBrowserTests)('the reading page in headless chromium', () => {
  let dir: string;
  let serve: RunningCli | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let pageUrl: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-browser-'));
    const config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
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

  it('lists the demo stories newest first, with first reporter, outlet count and topics', async () => {
    await page.goto(pageUrl);
    expect(await page.title()).toBe('Stories · newswatch');
    const headlines = await page.locator('.story h2 a').allTextContents();
    expect(headlines).toHaveLength(3);
    expect(headlines).toContain(APPROVAL);
    const approval = page.locator('.story', { hasText: APPROVAL });
    expect(await approval.locator('.meta').textContent()).toContain('3 outlets');
    expect(await approval.locator('.topics').textContent()).toContain('Larkspur harbour');
  });

  it('follows a story link to every copy and the topic match', async () => {
    await page.getByRole('link', { name: APPROVAL }).click();
    await page.waitForURL(/\/stories\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe(APPROVAL);
    const outlets = await page.locator('.copy .outlet strong').allTextContents();
    expect([...outlets].sort()).toEqual(['Coastal Daily', 'Harbour Herald', 'Northern Wire']);
    expect(await page.locator('.copy .headline a').count()).toBe(3);
    const matches = await page.locator('.matches li').allTextContents();
    expect(matches.some((m) => m.startsWith('Larkspur harbour'))).toBe(true);
    expect(await page.locator('.alerts').textContent()).toContain('harbour-desk@example.com');
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-story.png'), fullPage: true });
  });

  it('lists the alert emails the run sent', async () => {
    await page.getByRole('link', { name: 'Alert emails' }).click();
    await page.waitForURL(/\/emails$/);
    const previews = await page.locator('.email .meta').allTextContents();
    expect(previews).toHaveLength(3);
    expect(previews.filter((p) => p.startsWith('To: harbour-desk@example.com · Subject: '))).toHaveLength(2);
  });

  it('fits a phone screen and filters by topic through a shareable link', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${pageUrl}?topic=taiwan&since=7d`);
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

/**
 * Search as a desk uses it, on the demo's data: `newswatch run --once`, then `newswatch serve`.
 * In headless chromium, the page's search box finds a story by a phrase in its body and marks it;
 * and the three ways in (`newswatch search --json`, the API's GET /search and the reading page,
 * locally and as the JWT route's fragment) return the same stories with the same copies.
 * Without chromium the browser test skips with one line off CI and fails under CI.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/client.ts';
import { createDynamoStore } from '../../lambdas/adapters/dynamodb/store/index.ts';
import { localArchive } from '../../lambdas/cli/local-archive.ts';
import type { SearchResult } from '../../lambdas/core/query/search.ts';
import { createQueryHandler } from '../../lambdas/handlers/query.ts';
import { LOCAL_TABLE } from '../../lambdas/local/run.ts';
import { launchChromium, runBrowserTests } from '../support/chromium.ts';
import { newswatch, type RunningCli, startNewswatch, writeDemoConfig } from '../support/cli.ts';

const APPROVAL = 'Port authority approves $480 million Larkspur terminal expansion';
/** In the approval's body only, never in a headline. */
const BODY_PHRASE = 'two deep-water berths';

function apiEvent(routeKey: string, rawPath: string, query: Record<string, string>) {
  return {
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    pathParameters: {},
    queryStringParameters: query,
  } as unknown as APIGatewayProxyEventV2;
}

/** Story ids in the order a search page lists them, and each story's copies by outlet. */
function pageStories(html: string): { id: string; outlets: string[] }[] {
  return html
    .split('<li class="story result">')
    .slice(1)
    .map((block) => ({
      id: /href="\/stories\/([^"]+)"/.exec(block)?.[1] ?? '',
      outlets: [...block.matchAll(/<p class="outlet"><strong>([^<]+)<\/strong>/g)].map((m) => m[1] ?? ''),
    }));
}

const resultStories = (result: SearchResult) =>
  result.stories.map((s) => ({ id: s.story.id, outlets: s.copies.map((c) => c.outlet) }));

describe('search on the demo data', () => {
  let dir: string;
  let config: string;
  let serve: RunningCli | undefined;
  let pageUrl: string;
  let browser: BrowserContext | undefined;
  let tab: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-search-'));
    config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
    const run = await newswatch(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    serve = startNewswatch(['serve', '--config', config]);
    pageUrl = (await serve.waitFor(/^Stories: (http:\S+)$/m))[1] ?? '';
    if (!runBrowserTests) return;
    browser = await launchChromium(join(dir, 'chromium-profile'));
    tab = browser.pages()[0] ?? (await browser.newPage());
    tab.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('returns the same stories and copies from the CLI, the API route and the page', async () => {
    const query = 'larkspur AND (court OR approve*)';
    const cli = await newswatch(['search', query, '--since', '90d', '--json', '--config', config]);
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = resultStories(JSON.parse(cli.stdout) as SearchResult);

    // The query function's handler on the stand-ins `serve` holds, as the Lambda runs it on AWS.
    const { endpoints } = JSON.parse(readFileSync(join(dir, 'data', 'standins.json'), 'utf8'));
    const handler = createQueryHandler(async () => ({
      store: createDynamoStore(createDocumentClient({ endpoints }), LOCAL_TABLE),
      archive: localArchive(endpoints),
      topics: [],
      signIn: { authUrl: 'https://signin.example.com', clientId: 'client' },
    }));
    const params = { q: query, since: '90d' };
    const api = await handler(apiEvent('GET /search', '/search', params));
    expect(api.statusCode, api.body).toBe(200);
    const fromApi = resultStories(JSON.parse(api.body ?? '') as SearchResult);
    const jwt = await handler(apiEvent('GET /api/{proxy+}', '/api/search', params));
    const fromJwtRoute = pageStories((JSON.parse(jwt.body ?? '') as { html: string }).html);

    const page = await fetch(`${pageUrl}search?${new URLSearchParams(params)}`);
    expect(page.status).toBe(200);
    const fromPage = pageStories(await page.text());

    expect(fromCli.length).toBeGreaterThanOrEqual(2);
    expect(fromCli.every((s) => s.outlets.length > 0)).toBe(true);
    expect(fromApi).toEqual(fromCli);
    expect(fromJwtRoute).toEqual(fromCli);
    expect(fromPage).toEqual(fromCli);
  });

  it('refuses a broken query the same way in each: exit 2 with one line, 400', async () => {
    const cli = await newswatch(['search', 'larkspur AND (', '--config', config]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(
      'newswatch search: query: at position 15: expected a term, phrase or group before the end of the query\n',
    );
    const page = await fetch(`${pageUrl}search?q=${encodeURIComponent('larkspur AND (')}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('at position 15: expected a term, phrase or group');
  });

  describe.skipIf(!runBrowserTests)('in headless chromium', () => {
    it("finds a demo story by a phrase in its body from the page's search box, marked, in a link to share", async () => {
      await tab.goto(pageUrl);
      await tab.getByRole('link', { name: 'Search', exact: true }).click();
      await tab.waitForURL(/\/search$/);
      await tab.getByRole('searchbox').fill(`"${BODY_PHRASE}"`);
      await tab.getByRole('button', { name: 'Search' }).click();
      await tab.waitForURL(/\/search\?q=/);
      expect(await tab.locator('.result h2 a').allTextContents()).toEqual([APPROVAL]);
      const marks = await tab.locator('.result blockquote mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.every((m) => m === BODY_PHRASE)).toBe(true);

      const shared = tab.url();
      await tab.goto(pageUrl);
      await tab.goto(shared);
      expect(await tab.getByRole('searchbox').inputValue()).toBe(`"${BODY_PHRASE}"`);
      expect(await tab.locator('.result h2 a').allTextContents()).toEqual([APPROVAL]);
      await tab.locator('.result h2 a').click();
      await tab.waitForURL(/\/stories\/[^/]+$/);
      expect(await tab.locator('h1').textContent()).toBe(APPROVAL);
      expect(cspViolations).toEqual([]);
    });

    it('shows a query with markup as text, never as markup', async () => {
      const hostile = 'larkspur OR "<img src=x onerror=alert(1)>"';
      await tab.goto(`${pageUrl}search?q=${encodeURIComponent(hostile)}`);
      expect(await tab.getByRole('searchbox').inputValue()).toBe(hostile);
      expect(await tab.locator('main img').count()).toBe(0);
      expect(await tab.locator('.result').count()).toBeGreaterThan(0);
      expect(await tab.locator('main .meta .terms').first().textContent()).toBe(
        'larkspur OR "img src x onerror alert 1"',
      );
    });
  });
});

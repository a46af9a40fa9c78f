/**
 * The deployed page's sign-in, in headless chromium, against stand-ins for its two AWS parts: a
 * hosted UI that signs anyone in (authorize, then token with PKCE checked) and an HTTP API that
 * admits /api only with the token it issued, as the JWT authorizer does. Shows that the shell's
 * script completes the code flow, then renders, navigates and filters with the query handler's
 * HTML. Skips without chromium off CI, fails without it on CI, as the other browser tests do.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../lambdas/adapters/dynamodb/store/index.ts';
import { createQueryHandler } from '../../lambdas/handlers/query.ts';
import { testArticle } from '../support/articles.ts';
import { launchChromium, runBrowserTests } from '../support/chromium.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../support/dynamodb.ts';
import { testPipeline } from '../support/pipeline.ts';

const TOKEN = 'issued-access-token';

const item = (id: string, outlet: string, title: string, minutesAgo: number) =>
  testArticle(id, outlet, title, new Date(Date.now() - minutesAgo * 60_000), {
    feedId: id,
    url: `https://${id}.example/story`,
  });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** Signs in whoever asks; checks the PKCE verifier against the challenge, as Cognito does. */
function hostedUi(): Server {
  const challenges = new Map<string, string>();
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://ui');
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*' };
    if (url.pathname === '/oauth2/authorize') {
      const code = `code-${challenges.size + 1}`;
      challenges.set(code, url.searchParams.get('code_challenge') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString();
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const ok =
        challenges.get(form.get('code') ?? '') === challenge &&
        form.get('grant_type') === 'authorization_code';
      res
        .writeHead(ok ? 200 : 400, { ...cors, 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            ok ? { access_token: TOKEN, expires_in: 3600, token_type: 'Bearer' } : { error: 'invalid_grant' },
          ),
        );
      return;
    }
    res.writeHead(404, cors).end();
  });
}

/** The web HTTP API: its routes, the authorizer's 401, and the Lambda proxy event the handler reads. */
function webApi(handler: ReturnType<typeof createQueryHandler>): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://api');
    const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (api && req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      return;
    }
    const routeKey = api
      ? url.pathname === '/api'
        ? 'GET /api'
        : 'GET /api/{proxy+}'
      : url.pathname === '/'
        ? 'GET /'
        : 'GET /{proxy+}';
    const event = { routeKey, rawPath: url.pathname, rawQueryString: url.search.slice(1), headers: {} };
    const result = await handler(event as unknown as APIGatewayProxyEventV2);
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body);
  });
}

describe.skipIf(!runBrowserTests)('the deployed page signs in and reads stories', () => {
  let target: DynamoTarget;
  let servers: Server[] = [];
  let browser: BrowserContext | undefined;
  let page: Page;
  let apiUrl: string;
  let storyId: string;
  let profile: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    target = await startDynalite();
    const { doc, tableName } = await createTestTable(target.endpoint);
    const store = createDynamoStore(doc, tableName);
    const { report } = await testPipeline(store).ingest([
      item('wire', 'Northern Wire', 'Harbour deal signed', 90),
      item('herald', 'Harbour Herald', 'Harbour deal is signed', 60),
    ]);
    storyId = report.assigned[0]?.story.id as string;
    const ui = hostedUi();
    const authUrl = await listen(ui);
    const handler = createQueryHandler(async () => ({
      store,
      topics: ['Harbour'],
      signIn: { authUrl, clientId: 'web-client' },
    }));
    const api = webApi(handler);
    apiUrl = await listen(api);
    servers = [ui, api];
    profile = mkdtempSync(join(tmpdir(), 'newswatch-signin-'));
    browser = await launchChromium(profile);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await target?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('goes through the hosted UI and back to the page it was asked for, then shows it', async () => {
    await page.goto(`${apiUrl}/stories/${storyId}`);
    await page.waitForSelector('.copy');
    expect(new URL(page.url()).pathname).toBe(`/stories/${storyId}`);
    expect(await page.title()).toBe('Harbour deal signed · newswatch');
    expect(await page.locator('.copy .outlet strong').allTextContents()).toEqual([
      'Northern Wire',
      'Harbour Herald',
    ]);
  });

  it('follows links and filters within the page, keeping shareable addresses', async () => {
    await page.getByRole('link', { name: 'Stories', exact: true }).click();
    await page.waitForSelector('.story');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.selectOption('select[name=since]', '24h');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/since=24h/);
    await page.waitForSelector('.story h2 a');
    expect(await page.locator('.story h2 a').allTextContents()).toEqual(['Harbour deal signed']);
    await page.getByRole('link', { name: 'Harbour deal signed' }).click();
    await page.waitForURL(new RegExp(`/stories/${storyId}$`));
    await page.waitForSelector('.copy');
    expect(cspViolations).toEqual([]);
  });
});

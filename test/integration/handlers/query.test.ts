import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import type { Store } from '../../../lambdas/core/ports.ts';
import { createQueryHandler } from '../../../lambdas/handlers/query.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../../support/dynamodb.ts';
import { testPipeline } from '../../support/pipeline.ts';

function event(
  routeKey: string,
  path: Record<string, string> = {},
  query: Record<string, string> = {},
  rawPath = '/',
) {
  return {
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    pathParameters: path,
    queryStringParameters: query,
  } as unknown as APIGatewayProxyEventV2;
}

const signIn = { authUrl: 'https://newswatch-test.auth.eu-west-1.amazoncognito.com', clientId: 'client123' };

const item: Article = {
  id: 'i1',
  feedId: 'wire',
  url: 'https://example.com/i1',
  title: 'Japan cancels talks',
  text: 'Japan cancelled the talks.',
  categories: [],
  firstSeen: new Date().toISOString(),
  outlet: 'Wire',
  contentHash: 'h1',
};

describe('query handler', () => {
  let target: DynamoTarget;
  let handler: ReturnType<typeof createQueryHandler>;
  let storyId: string;
  let store: Store;

  beforeAll(async () => {
    target = await startDynalite();
    const { doc, tableName } = await createTestTable(target.endpoint);
    store = createDynamoStore(doc, tableName);
    const { report } = await testPipeline(store, {
      topics: [{ name: 'Japan talks', query: 'japan' }],
    }).ingest([item]);
    storyId = report.assigned[0]?.story.id as string;
    handler = createQueryHandler(async () => ({
      store,
      topics: ['Japan talks'],
      topicInfo: [{ name: 'Japan talks', query: 'Japan AND talks', recipients: ['desk@example.com'] }],
      signIn,
    }));
  });
  afterAll(async () => target?.stop());

  const body = (res: { body?: string }) => JSON.parse(res.body ?? 'null');

  it('lists recent stories', async () => {
    const res = await handler(event('GET /stories', {}, { limit: '10' }));
    expect(res.statusCode).toBe(200);
    expect(body(res).stories.map((s: { id: string }) => s.id)).toEqual([storyId]);
  });

  it('returns a story with its members and matches', async () => {
    const res = await handler(event('GET /stories/{id}', { id: storyId }));
    expect(res.statusCode).toBe(200);
    const detail = body(res);
    expect(detail.story.headline).toBe('Japan cancels talks');
    expect(detail.story.firstItemId).toBe('i1');
    // The ranks behind the credit are compared by the store, not shown to readers.
    expect(Object.keys(detail.story).filter((k) => k.endsWith('Rank'))).toEqual([]);
    expect(detail.members.map((m: { outlet: string }) => m.outlet)).toEqual(['Wire']);
    expect(detail.matches.map((m: { topic: string }) => m.topic)).toEqual(['Japan talks']);
  });

  it("lists a topic's matches, with the topic name URL-encoded in the path", async () => {
    const res = await handler(event('GET /topics/{name}/matches', { name: 'Japan%20talks' }));
    expect(body(res).matches).toHaveLength(1);
  });

  it('answers 404 for an unknown story and 400 for a bad parameter', async () => {
    expect((await handler(event('GET /stories/{id}', { id: 'nope' }))).statusCode).toBe(404);
    expect((await handler(event('GET /stories', {}, { limit: '0' }))).statusCode).toBe(400);
    expect((await handler(event('GET /stories', {}, { since: 'yesterday' }))).statusCode).toBe(400);
  });

  it('searches with GET /search, and answers 400 for a query or a time it cannot read', async () => {
    // Texts gone from the archive: the copy is matched on its headline, and the answer says so.
    const searching = createQueryHandler(async () => ({
      store,
      archive: { readText: async () => undefined },
      topics: [],
      signIn,
    }));
    const found = body(await searching(event('GET /search', {}, { q: 'cancels NOT korea', since: '24h' })));
    expect(found.stories.map((s: { story: { id: string } }) => s.story.id)).toEqual([storyId]);
    expect(found.missingTexts).toBe(1);
    const broken = await searching(event('GET /search', {}, { q: 'japan AND' }));
    expect(broken.statusCode).toBe(400);
    expect(body(broken).error).toMatch(/^q: at position 10: expected /);
    expect((await searching(event('GET /search', {}, { q: 'japan', since: 'soon' }))).statusCode).toBe(400);
    expect((await searching(event('GET /search'))).statusCode).toBe(400);
  });

  it('takes a relative since, as the CLI does', async () => {
    const res = await handler(event('GET /stories', {}, { since: '24h' }));
    expect(body(res).stories.map((s: { id: string }) => s.id)).toEqual([storyId]);
  });

  describe('the reading page', () => {
    it('answers every page path with the sign-in shell, which holds no data', async () => {
      for (const rawPath of ['/', `/stories/${storyId}`, '/callback']) {
        const res = await handler(event(rawPath === '/' ? 'GET /' : 'GET /{proxy+}', {}, {}, rawPath));
        expect(res.statusCode).toBe(200);
        expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
        expect(res.body).toContain('data-auth="https://newswatch-test.auth.eu-west-1.amazoncognito.com"');
        expect(res.body).toContain('<script type="module" src="/app.js"></script>');
        expect(res.body).not.toContain('Japan cancels talks');
      }
    });

    it('lets the shell run only its own script and call only the sign-in domain', async () => {
      const res = await handler(event('GET /{proxy+}', {}, {}, '/app.js'));
      expect(res.headers?.['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.body).toContain("code_challenge_method: 'S256'");
      const csp = String(res.headers?.['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ${signIn.authUrl}`);
      expect(csp).not.toContain('unsafe');
    });

    it("serves a page's HTML under /api, rendered as locally", async () => {
      const res = await handler(event('GET /api/{proxy+}', {}, {}, `/api/stories/${storyId}`));
      expect(res.statusCode).toBe(200);
      const page = body(res);
      expect(page.title).toBe('Japan cancels talks');
      expect(page.html).toContain(
        '<a href="https://example.com/i1" rel="noopener noreferrer">Japan cancels talks</a>',
      );
      const list = body(await handler(event('GET /api', {}, { topic: 'japan TALKS' }, '/api')));
      expect(list.html).toContain(`href="/stories/${storyId}"`);
      expect((await handler(event('GET /api/{proxy+}', {}, {}, '/api/stories/nope'))).statusCode).toBe(404);
    });

    it("serves a topic's page, the one alert emails link to, with its query and recipients", async () => {
      const topic = body(await handler(event('GET /api/{proxy+}', {}, {}, '/api/topics/Japan%20talks')));
      expect(topic.title).toBe('Topic: Japan talks');
      expect(topic.html).toContain('<dt>Query</dt><dd><code>Japan AND talks</code></dd>');
      expect(topic.html).toContain('<dd>emailed to desk@example.com</dd>');
      expect(topic.html).toContain(`href="/stories/${storyId}"`);
    });
  });
});

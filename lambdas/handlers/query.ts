/**
 * Read-only queries over what was stored, for two APIs. The IAM-signed one answers scripts in
 * JSON. The browser one serves the reading page: every page path gets the sign-in shell, and the
 * shell fetches `/api/<page path>` (behind the JWT authorizer) for the page's HTML.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createS3ArchiveReader } from '../adapters/s3/archive-reader.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import {
  SHELL_SCRIPT,
  SHELL_SCRIPT_PATH,
  type SignIn,
  shellDocument,
  shellPolicy,
} from '../adapters/web/signin-shell.ts';
import type { Config } from '../core/config/schema.ts';
import type { ArchiveReader, Store } from '../core/ports.ts';
import { feedHealth, listStories, NotFoundError, storyDetail, topicMatches } from '../core/query/queries.ts';
import { InvalidSearchError, searchSince, searchStories } from '../core/query/search.ts';
import type { TopicInfo } from '../core/web/pages.ts';
import { contentSecurityPolicy, renderPath, securityHeaders } from '../core/web/site.ts';
import { PAGE_CSS } from '../core/web/style.ts';
import { inlinedConfig, readQueryEnv } from '../runtime/env.ts';
import { once } from '../runtime/from-env.ts';
import { lambdaStore } from '../runtime/lambda-store.ts';
import { listParams } from './input.ts';
import { logger } from './logger.ts';

export interface QueryContainer {
  store: Store;
  /** Item texts, for search: the Lambda passes the archive bucket's. */
  archive?: ArchiveReader;
  /** The configuration's aliases, usable in a search. */
  aliases?: Record<string, string>;
  topics: readonly string[];
  /** The topics' queries and recipients, for the topics page. */
  topicInfo?: readonly TopicInfo[];
  signIn: SignIn;
}

type Result = APIGatewayProxyStructuredResultV2;

/** Path values may arrive percent-encoded; a bare '%' in an already-decoded one must not throw. */
function pathValue(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

async function apiRoute(event: APIGatewayProxyEventV2, c: QueryContainer): Promise<Result> {
  if (event.routeKey === 'GET /search') return searchRoute(event.queryStringParameters ?? {}, c);
  const params = listParams(event.queryStringParameters ?? {}, new Date());
  if ('problems' in params) return json(400, { error: params.problems.join('; ') });
  const path = event.pathParameters ?? {};
  switch (event.routeKey) {
    case 'GET /stories':
      return json(200, { stories: await listStories(c.store, params) });
    case 'GET /stories/{id}':
      return json(200, await storyDetail(c.store, path.id ?? ''));
    case 'GET /topics/{name}/matches':
      return json(200, { matches: await topicMatches(c.store, pathValue(path.name), params) });
    case 'GET /feeds':
      return json(200, { feeds: await feedHealth(c.store) });
    default:
      return json(404, { error: `no route ${event.routeKey}` });
  }
}

/** `GET /search?q=&since=&limit=`: `since` defaults to the search's own range, not the listings'. */
async function searchRoute(query: Record<string, string | undefined>, c: QueryContainer): Promise<Result> {
  const now = new Date();
  const params = listParams(query, now);
  if ('problems' in params) return json(400, { error: params.problems.join('; ') });
  if (!c.archive)
    throw new Error('the query function was built without the archive: search cannot read texts');
  try {
    const sources = { store: c.store, archive: c.archive, aliases: c.aliases };
    const since = params.since ?? searchSince(undefined, now);
    return json(200, await searchStories(sources, query.q ?? '', { ...params, since }));
  } catch (err) {
    if (err instanceof InvalidSearchError) return json(400, { error: `q: ${err.message}` });
    throw err;
  }
}

/** The HTML of a page's `main`, for the signed-in shell to show. */
async function pageFragment(event: APIGatewayProxyEventV2, c: QueryContainer): Promise<Result> {
  const path = event.rawPath.replace(/^\/api(?=\/|$)/, '') || '/';
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const page = await renderPath(path, query, { ...c, now: new Date() });
  return json(
    page.status,
    { title: page.title, html: page.body.text },
    securityHeaders(contentSecurityPolicy()),
  );
}

function asset(contentType: string, body: string, csp: string): Result {
  return { statusCode: 200, headers: { ...securityHeaders(csp), 'content-type': contentType }, body };
}

/** Public: the shell and its two files carry no data; the data is behind /api. */
function shellRoute(event: APIGatewayProxyEventV2, c: QueryContainer): Result {
  const csp = shellPolicy(c.signIn);
  if (event.rawPath === '/page.css') return asset('text/css; charset=utf-8', PAGE_CSS, csp);
  if (event.rawPath === SHELL_SCRIPT_PATH) return asset('text/javascript; charset=utf-8', SHELL_SCRIPT, csp);
  return asset('text/html; charset=utf-8', shellDocument(c.signIn), csp);
}

async function route(event: APIGatewayProxyEventV2, c: QueryContainer): Promise<Result> {
  if (event.routeKey === 'GET /api' || event.routeKey === 'GET /api/{proxy+}') return pageFragment(event, c);
  if (event.routeKey === 'GET /' || event.routeKey === 'GET /{proxy+}') return shellRoute(event, c);
  return apiRoute(event, c);
}

export function createQueryHandler(getContainer: () => Promise<QueryContainer>) {
  // Lambda passes its context; tests and `newswatch serve` have none to pass.
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<Result> => {
    if (context) logger.addContext(context);
    try {
      return await route(event, await getContainer());
    } catch (err) {
      if (err instanceof NotFoundError) return json(404, { error: err.message });
      logger.error('query failed', { routeKey: event.routeKey, error: err as Error });
      return json(500, { error: 'internal error' });
    }
  };
}

export const handler = createQueryHandler(
  once(() => {
    const env = readQueryEnv();
    return {
      store: lambdaStore(env),
      archive: createS3ArchiveReader(createS3Client({ region: env.AWS_REGION }), env.NEWSWATCH_BUCKET),
      aliases: (JSON.parse(inlinedConfig()) as Pick<Config, 'aliases'>).aliases ?? {},
      topics: env.topicNames,
      // The bundle carries the validated configuration; the topics page shows each query and its recipients.
      topicInfo: (JSON.parse(inlinedConfig()) as Config).topics,
      signIn: { authUrl: env.NEWSWATCH_AUTH_URL, clientId: env.NEWSWATCH_AUTH_CLIENT_ID },
    };
  }),
);

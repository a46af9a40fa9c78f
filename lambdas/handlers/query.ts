/** HTTP API (IAM-authorised) → read-only queries over what was stored. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Store } from '../core/ports.ts';
import { feedHealth, listStories, NotFoundError, storyDetail, topicMatches } from '../core/query/queries.ts';
import { readTableEnv } from '../runtime/env.ts';
import { once } from '../runtime/from-env.ts';
import { lambdaStore } from '../runtime/lambda-store.ts';
import { listParams } from './input.ts';
import { logger } from './logger.ts';

/** Path values may arrive percent-encoded; a bare '%' in an already-decoded one must not throw. */
function pathValue(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

async function route(
  event: APIGatewayProxyEventV2,
  c: { store: Store },
): Promise<APIGatewayProxyStructuredResultV2> {
  const params = listParams(event.queryStringParameters ?? {});
  if ('problems' in params) return json(400, { error: params.problems.join('; ') });
  const path = event.pathParameters ?? {};
  switch (event.routeKey) {
    case 'GET /stories':
      return json(200, { stories: await listStories(c.store, params) });
    case 'GET /stories/{id}':
      return json(200, await storyDetail(c.store, path.id ?? ''));
    case 'GET /topics/{name}/matches':
      return json(200, {
        matches: await topicMatches(c.store, pathValue(path.name), params),
      });
    case 'GET /feeds':
      return json(200, { feeds: await feedHealth(c.store) });
    default:
      return json(404, { error: `no route ${event.routeKey}` });
  }
}

export function createQueryHandler(getContainer: () => Promise<{ store: Store }>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return await route(event, await getContainer());
    } catch (err) {
      if (err instanceof NotFoundError) return json(404, { error: err.message });
      logger.error('query failed', { routeKey: event.routeKey, error: err as Error });
      return json(500, { error: 'internal error' });
    }
  };
}

// The query function reads no configuration: only the table.
export const handler = createQueryHandler(once(() => ({ store: lambdaStore(readTableEnv()) })));

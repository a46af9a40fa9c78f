/**
 * What the handlers accept from SQS and the HTTP API, checked by hand. Three small shapes do not
 * justify a schema library in every bundle: zod is about 440 KB minified, most of what a cold
 * start would read and compile.
 */
import type { AlertKey, QueuedItem } from '../core/model.ts';
import { InvalidSinceError, parseSince } from '../core/query/since.ts';

/** A message or request that does not have the expected shape. */
export class MalformedInputError extends Error {
  override name = 'MalformedInputError';
}

function jsonObject(body: string): Record<string, unknown> {
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedInputError('expected a JSON object');
  return value as Record<string, unknown>;
}

function text(object: Record<string, unknown>, field: string): string {
  const value = object[field];
  if (typeof value !== 'string' || value.length === 0)
    throw new MalformedInputError(`${field}: expected a non-empty string`);
  return value;
}

function optionalText(object: Record<string, unknown>, field: string): void {
  const value = object[field];
  if (value !== undefined && typeof value !== 'string')
    throw new MalformedInputError(`${field}: expected a string`);
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** A feed queue message: `{ "feedId": "..." }`. */
export function feedMessage(body: string): { feedId: string } {
  return { feedId: text(jsonObject(body), 'feedId') };
}

/** An alert queue message: the intent's key, with `outlets` on a follow-up. */
export function alertMessage(body: string): AlertKey {
  const object = jsonObject(body);
  const key: AlertKey = { storyId: text(object, 'storyId'), topic: text(object, 'topic') };
  if (object.outlets === undefined) return key;
  if (!isCount(object.outlets)) throw new MalformedInputError('outlets: expected a positive integer');
  return { ...key, outlets: object.outlets };
}

/**
 * A story-stage message: an item the fetcher admitted. The fetcher wrote it, so only what the
 * stage relies on is checked; a message that fails is a bug to report, not a feed's problem.
 */
export function itemMessage(body: string): QueuedItem {
  const object = jsonObject(body);
  for (const field of ['id', 'feedId', 'firstSeen', 'outlet', 'contentHash']) text(object, field);
  for (const field of ['title', 'text']) {
    if (typeof object[field] !== 'string') throw new MalformedInputError(`${field}: expected a string`);
  }
  for (const field of ['url', 'guid', 'published', 'summary', 'textKey']) optionalText(object, field);
  if (!Number.isInteger(object.textLength)) throw new MalformedInputError('textLength: expected an integer');
  if (!Array.isArray(object.categories)) throw new MalformedInputError('categories: expected an array');
  return object as unknown as QueuedItem;
}

const MAX_LIMIT = 500;

export interface ListParams {
  since?: string;
  limit?: number;
}

/** `?since=<ISO 8601 with offset>&limit=<1..500>`; every problem named, for a 400. */
/** `since` as the CLI and the page read it (24h, 7d, a date), resolved against `now`. */
export function listParams(
  query: Record<string, string | undefined>,
  now: Date,
): ListParams | { problems: string[] } {
  const { limit } = query;
  const problems: string[] = [];
  let since: string | undefined;
  try {
    since = query.since === undefined ? undefined : parseSince(query.since, now);
  } catch (err) {
    if (!(err instanceof InvalidSinceError)) throw err;
    problems.push(`since: ${err.message}`);
  }
  const count = limit === undefined ? undefined : Number(limit);
  if (count !== undefined && !(isCount(count) && count <= MAX_LIMIT))
    problems.push(`limit: expected an integer from 1 to ${MAX_LIMIT}`);
  if (problems.length > 0) return { problems };
  return { ...(since !== undefined && { since }), ...(count !== undefined && { limit: count }) };
}

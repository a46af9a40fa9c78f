/**
 * What the fetcher is built with: the store, the archive, the guarded HTTP client and the queue.
 * Kept apart from the container so its bundle holds no SES client and compiles no topics: it
 * sends no mail, and items are tagged by the story stage.
 */
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import { createHttpClient } from '../adapters/http/client.ts';
import { createS3Archive } from '../adapters/s3/archive.ts';
import { createS3Client } from '../adapters/s3/client.ts';
import type { Config } from '../core/config/schema.ts';
import type { Archive, Clock, HttpClient, Store, WorkQueue } from '../core/ports.ts';
import { systemClock } from './from-env.ts';

const PRODUCT_VERSION = '0.1.0';

export interface FetcherDeps {
  config: Config;
  store: Store;
  archive: Archive;
  http: HttpClient;
  clock: Clock;
  queue: WorkQueue;
}

export interface ContainerOptions {
  config: Config;
  tableName: string;
  bucket: string;
  queue: WorkQueue;
  region?: string;
  endpoints?: AwsEndpoints;
  clock?: Clock;
}

/** The HTTP client every fetch of a feed or page goes through, with the configured guards. */
export function guardedHttpClient(fetch: Config['fetch']): HttpClient {
  return createHttpClient({
    userAgent: `newswatch/${PRODUCT_VERSION} (+${fetch.contactUrl})`,
    allowPrivate: fetch.allowPrivate,
    connectTimeoutMs: fetch.connectTimeoutMs,
    totalTimeoutMs: fetch.totalTimeoutMs,
    maxBytes: fetch.maxBytes,
    perHostConcurrency: fetch.perHostConcurrency,
  });
}

export function buildFetcherDeps(opts: ContainerOptions): FetcherDeps {
  const aws = { region: opts.region, endpoints: opts.endpoints };
  const clock = opts.clock ?? systemClock;
  return {
    config: opts.config,
    store: createDynamoStore(createDocumentClient(aws), opts.tableName, clock),
    archive: createS3Archive(createS3Client(aws), opts.bucket),
    http: guardedHttpClient(opts.config.fetch),
    clock,
    queue: opts.queue,
  };
}

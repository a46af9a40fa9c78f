/**
 * What storage costs per new item, through the real adapters: the load bench's loopback server
 * (load/server.ts) serves 200 new ~800-word items from two outlets, half of them the two copies of
 * a wire story (full text in the feeds, so no article page is fetched); the fetcher's code polls
 * them, and what it queued goes through the story stage in SQS FIFO batches of ten, as
 * in AWS. A metering proxy (lib/aws-meter.ts) in front of AWS's DynamoDB Local and the S3
 * stand-in counts every request and the capacity DynamoDB reports. Everything on the item's path
 * is included: the feed's own reads and writes, URL claims, texts, the stage's journal, items,
 * stories, first matches and alert intents. Also: CPU per item in the fetcher's and the stage's
 * code, and what a poll of an unchanged feed costs (the inputs of docs/cost.md). Printed, never
 * asserted.
 *
 *   npx tsx bench/storage.ts [--items 200] [--json]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createS3Client } from '../lambdas/adapters/s3/client.ts';
import { createS3Journal } from '../lambdas/adapters/s3/journal.ts';
import { parseConfig } from '../lambdas/core/config/load.ts';
import type { FeedSpec } from '../lambdas/core/model.ts';
import { runFeed } from '../lambdas/core/pipeline/run-feed.ts';
import { createStoryStage, type StoryStage } from '../lambdas/core/stage/stage.ts';
import { createLocalQueue } from '../lambdas/local/local-queue.ts';
import { provision, startStandIns } from '../lambdas/local/standins.ts';
import { buildContainer, type Container } from '../lambdas/runtime/container.ts';
import { dynamoDbLocalAvailable, startDynamoDbLocal } from '../test/support/dynamodb-local.ts';
import {
  type AwsMeter,
  type MeterSnapshot,
  mergeTimelines,
  sequentialRounds,
  startMeter,
} from './lib/aws-meter.ts';
import { startLoadServer } from './load/server.ts';

const TABLE = 'bench-storage';
const BUCKET = 'bench-storage';
/** SQS FIFO hands a Lambda at most ten messages at a time. */
const FIFO_BATCH = 10;
/** Matches most of the load corpus's stories, so first matches and intents are part of the cost. */
const TOPIC = 'council OR funding OR safety';

/** The load bench's feeds: `count` items over two outlets, half of them the two copies of a wire story. */
function corpus(count: number, seed: number) {
  const perFeed = Math.ceil(count / 2);
  return { feeds: 2, itemsPerFeed: perFeed, wireStories: Math.floor(perFeed / 2), outletsPerWire: 2, seed };
}

function config(feeds: FeedSpec[]): ReturnType<typeof parseConfig> {
  return parseConfig(
    stringify({
      schedule: 'rate(15 minutes)',
      feeds,
      topics: [{ name: 'Civic', query: TOPIC, recipients: ['desk@newswatch.test'] }],
      alerts: { from: 'newswatch@newswatch.test' },
      fetch: {
        contactUrl: 'https://newswatch.test/bench',
        allowPrivate: ['127.0.0.1/32'],
        maxItemsPerFeed: 1000,
      },
    }),
    'bench/storage.ts',
  );
}

interface Ingested {
  items: number;
  /** CPU of this process (the S3 stand-in's share included) while fetching and admitting, ms. */
  fetchCpuMs: number;
  /** And while the stage assigned and wrote. */
  stageCpuMs: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

async function ingest(
  container: Container,
  stage: StoryStage,
  feeds: readonly FeedSpec[],
  queueDir: string,
): Promise<Ingested> {
  const fetchStart = process.cpuUsage();
  for (const feed of feeds) await runFeed(feed, { ...container, maxItemsPerFeed: 1000 });
  const fetchCpuMs = cpuMs(fetchStart);
  const stageStart = process.cpuUsage();
  let items = 0;
  for (const pending of createLocalQueue(queueDir).pendingBatches(Number.POSITIVE_INFINITY)) {
    for (let i = 0; i < pending.items.length; i += FIFO_BATCH)
      await stage.process(pending.items.slice(i, i + FIFO_BATCH));
    pending.ack();
    items += pending.items.length;
  }
  return { items, fetchCpuMs, stageCpuMs: cpuMs(stageStart) };
}

export interface StorageFigures {
  items: number;
  writeUnitsPerItem: number;
  readUnitsPerItem: number;
  requestsPerItem: number;
  dynamoRequestsPerItem: number;
  s3RequestsPerItem: number;
  /** Request kinds per item, DynamoDB and S3. */
  byOperation: Record<string, number>;
  /** Sequential round trips for one new item alone: its feed poll, admission and the stage. */
  roundTripsOneItem: number;
  /** CPU per new item in the fetcher's code and in the stage's, ms (this machine, stand-in share included). */
  fetchCpuMsPerItem: number;
  stageCpuMsPerItem: number;
  /** What polling a feed whose body did not change costs: DynamoDB units and requests (S3 included). */
  unchangedPoll: { writeUnits: number; readUnits: number; requests: number };
}

const perItem = (n: number, items: number) => Math.round((n / items) * 100) / 100;

function figures(
  ddb: MeterSnapshot,
  s3: MeterSnapshot,
  run: Ingested,
  rounds: number,
  unchanged: { ddb: MeterSnapshot; s3: MeterSnapshot },
): StorageFigures {
  const { items } = run;
  const byOperation: Record<string, number> = {};
  for (const [op, n] of Object.entries(ddb.byOp)) byOperation[op] = perItem(n, items);
  for (const [op, n] of Object.entries(s3.byOp)) byOperation[`S3 ${op}`] = perItem(n, items);
  return {
    items,
    writeUnitsPerItem: perItem(ddb.writeUnits ?? Number.NaN, items),
    readUnitsPerItem: perItem(ddb.readUnits ?? Number.NaN, items),
    requestsPerItem: perItem(ddb.requests + s3.requests, items),
    dynamoRequestsPerItem: perItem(ddb.requests, items),
    s3RequestsPerItem: perItem(s3.requests, items),
    byOperation,
    roundTripsOneItem: rounds,
    fetchCpuMsPerItem: perItem(run.fetchCpuMs, items),
    stageCpuMsPerItem: perItem(run.stageCpuMs, items),
    unchangedPoll: {
      writeUnits: unchanged.ddb.writeUnits ?? Number.NaN,
      readUnits: unchanged.ddb.readUnits ?? Number.NaN,
      requests: unchanged.ddb.requests + unchanged.s3.requests,
    },
  };
}

export async function measure(count: number): Promise<StorageFigures> {
  if (!dynamoDbLocalAvailable())
    throw new Error(
      'DynamoDB Local is needed for capacity figures: run scripts/fetch-dynamodb-local.sh (needs Java)',
    );
  const server = await startLoadServer(corpus(count, 7));
  const lone = await startLoadServer({
    feeds: 1,
    itemsPerFeed: 1,
    wireStories: 0,
    outletsPerWire: 1,
    seed: 8,
  });
  const dynamo = await startDynamoDbLocal();
  const standIns = await startStandIns();
  const meters: AwsMeter[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-bench-storage-'));
  try {
    const ddb = await startMeter({ target: dynamo.endpoint, kind: 'dynamodb' });
    const s3 = await startMeter({ target: standIns.endpoints.s3, kind: 's3' });
    meters.push(ddb, s3);
    const endpoints = { dynamodb: ddb.endpoint, s3: s3.endpoint, ses: standIns.endpoints.ses };
    await provision(endpoints, TABLE, BUCKET);
    const cfg = config([...server.feeds, ...lone.feeds.map((f) => ({ ...f, id: `lone-${f.id}` }))]);
    const container = buildContainer({
      config: cfg,
      tableName: TABLE,
      bucket: BUCKET,
      endpoints,
      queue: createLocalQueue(dir),
    });
    const stage = createStoryStage({
      ...container,
      journal: createS3Journal(createS3Client({ endpoints }), BUCKET),
    });
    const bench = cfg.feeds.slice(0, server.feeds.length);
    ddb.reset();
    s3.reset();
    const run = await ingest(container, stage, bench, dir);
    const batch = { ddb: ddb.snapshot(), s3: s3.snapshot() };
    ddb.reset();
    s3.reset();
    await ingest(container, stage, bench.slice(0, 1), dir);
    const unchanged = { ddb: ddb.snapshot(), s3: s3.snapshot() };
    ddb.reset();
    s3.reset();
    await ingest(container, stage, cfg.feeds.slice(server.feeds.length), dir);
    const rounds = sequentialRounds(mergeTimelines(ddb.snapshot().timeline, s3.snapshot().timeline));
    return figures(batch.ddb, batch.s3, run, rounds, unchanged);
  } finally {
    await Promise.all(meters.map((m) => m.stop()));
    await Promise.all([dynamo.stop(), standIns.stop()]);
    await Promise.all([server.close(), lone.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { items: { type: 'string' }, json: { type: 'boolean' } },
  });
  const f = await measure(Number(values.items ?? 200));
  if (values.json) {
    console.log(JSON.stringify(f));
    return 0;
  }
  console.log(`${f.items} new ~800-word items, DynamoDB Local + S3 stand-in, stage batches of ${FIFO_BATCH}`);
  console.log(`DynamoDB write units per new item: ${f.writeUnitsPerItem}`);
  console.log(`DynamoDB read units per new item:  ${f.readUnitsPerItem}`);
  console.log(
    `requests per new item: ${f.requestsPerItem} (DynamoDB ${f.dynamoRequestsPerItem}, S3 ${f.s3RequestsPerItem})`,
  );
  console.log(
    `by operation, per item: ${Object.entries(f.byOperation)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ')}`,
  );
  console.log(`sequential round trips for one new item (poll, admission, stage): ${f.roundTripsOneItem}`);
  console.log(
    `CPU per new item: fetcher ${f.fetchCpuMsPerItem} ms, stage ${f.stageCpuMsPerItem} ms (in-process S3 stand-in included)`,
  );
  const u = f.unchangedPoll;
  console.log(
    `a poll of an unchanged feed: ${u.writeUnits} write units, ${u.readUnits} read units, ${u.requests} requests`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}

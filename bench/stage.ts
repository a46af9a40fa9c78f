/**
 * The story stage at scale: `npm run bench -- stage [--feeds 10000] [--days 3] [--json]`.
 *
 * Runs the real stage (lambdas/core/stage: real fingerprints, real assignment, topics, story
 * records, the real S3 journal adapter with its gzipped lines) over `feeds × perFeedDay × days`
 * synthetic full articles (~800 words, five reports per event) published within `days`, then:
 * - `burstDrainSeconds`: a poll burst of 2,000 more items in SQS FIFO batches of ten, with every
 *   AWS request (S3 journal, DynamoDB writes) taking `--rtt-ms` plus its bytes at `--mbps`;
 * - `snapshotSeconds`: the longest snapshot written during that burst;
 * - `restoreSeconds`: a cold instance reading the snapshot's parts (in parallel) and the batches
 *   after it, at the same round trip, after the first instance is dropped.
 * `peakHeapMB` is the largest JS heap plus array buffers (the window's typed arrays) seen after
 * any batch or restore; `peakRssMB` what the process held at most, the figure Lambda's memory
 * setting bounds.
 *
 * The object store (files in a scratch folder) and the table are fakes that only meter and wait:
 * the figure is the stage's own work plus modelled round trips, not a stand-in's speed. The fill runs without waits
 * in batches of 100 (what it builds is the window, not a figure).
 *
 * The fill of 10,000 feeds takes most of an hour here. `--keep DIR` keeps the object store it
 * filled in DIR; `--from DIR` measures again on it without filling: a first instance restores
 * the window from DIR's journal (not timed), then the burst and the cold restore run as above,
 * writing beside DIR, never into it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { articles, START, Vocabulary } from '../eval/lib/synthetic.ts';
import { createS3Journal } from '../lambdas/adapters/s3/journal.ts';
import type { ClusterInput } from '../lambdas/core/clustering/index.ts';
import type { QueuedItem } from '../lambdas/core/model.ts';
import type { Store } from '../lambdas/core/ports.ts';
import { createStoryStage, type StoryStage } from '../lambdas/core/stage/stage.ts';
import { compileTopics } from '../lambdas/core/topics/index.ts';
import { STAGE_MEMORY_MB } from '../lib/newswatch-stack.ts';

const DAY_MS = 86_400_000;
const CHUNK = 1000;
const BURST = 2000;

interface Options {
  feeds: number;
  days: number;
  perFeedDay: number;
  rttMs: number;
  mbps: number;
  keep?: string;
  from?: string;
}

/** What a `--from` run needs of the fill it did not run, written by `--keep`. */
interface Filled {
  feeds: number;
  days: number;
  perFeedDay: number;
  /** The stage clock when the fill ended: the latest first sighting, epoch ms. */
  now: number;
}

const FILLED = 'filled.json';

/** Waits as a request of `bytes` would: a round trip, then the bytes at the modelled rate. */
function wait(o: Options, bytes = 0): Promise<void> {
  const ms = o.rttMs + (bytes / (o.mbps * 1_048_576)) * 1000;
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

interface Meter {
  options: Options;
  requests: number;
}

/** Where the fake S3 writes (`dir`) and what earlier run it reads beneath it (`base`). */
interface Folders {
  dir: string;
  base?: string;
}

/**
 * An S3 client that keeps objects in files of a scratch folder (not in this process's memory, which
 * is what is measured) and honours `If-None-Match: *`, as S3 does. With `base`, objects of an
 * earlier run's folder are read as if written here, and nothing is written there.
 */
function fakeS3(meter: Meter, folders: Folders): S3Client {
  const fileName = (key: string) => createHash('sha256').update(key).digest('hex');
  const inBase = (key: string) => (folders.base ? join(folders.base, fileName(key)) : undefined);
  const pathOf = (key: string) => {
    const own = join(folders.dir, fileName(key));
    const earlier = inBase(key);
    return earlier && !existsSync(own) && existsSync(earlier) ? earlier : own;
  };
  const send = async (command: unknown) => {
    meter.requests += 1;
    if (command instanceof PutObjectCommand) {
      const { Key, Body, IfNoneMatch } = command.input as {
        Key: string;
        Body: Uint8Array;
        IfNoneMatch?: string;
      };
      await wait(meter.options, Body.byteLength);
      const earlier = inBase(Key);
      const taken = () =>
        Object.assign(new Error('PreconditionFailed'), { $metadata: { httpStatusCode: 412 } });
      if (IfNoneMatch && earlier && existsSync(earlier)) throw taken();
      try {
        writeFileSync(join(folders.dir, fileName(Key)), Body, { flag: IfNoneMatch ? 'wx' : 'w' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        throw taken();
      }
      return {};
    }
    if (command instanceof GetObjectCommand) {
      const path = pathOf(command.input.Key ?? '');
      if (!existsSync(path)) {
        await wait(meter.options);
        throw Object.assign(new Error('NoSuchKey'), {
          name: 'NoSuchKey',
          $metadata: { httpStatusCode: 404 },
        });
      }
      const bytes = readFileSync(path);
      await wait(meter.options, bytes.byteLength);
      const Body = Object.assign(Readable.from([bytes]), { transformToByteArray: async () => bytes });
      return { Body };
    }
    throw new Error(`not modelled: ${(command as object).constructor.name}`);
  };
  return { send } as unknown as S3Client;
}

/** The table: each call one round trip, a batch write per 25 rows, as the DynamoDB adapter sends. */
function fakeStore(meter: Meter): Store {
  const roundTrip = async (rows = 1) => {
    for (let i = 0; i < Math.max(1, Math.ceil(rows / 25)); i++) {
      meter.requests += 1;
      await wait(meter.options);
    }
  };
  return {
    putStageRecords: async (r: { items: unknown[]; stories: unknown[]; matches: unknown[] }) =>
      roundTrip(r.items.length + r.stories.length + r.matches.length),
    createAlertIntent: async () => {
      await roundTrip();
      return true;
    },
    getAlert: async () => {
      await roundTrip();
      return undefined;
    },
    parkItem: async () => roundTrip(),
  } as unknown as Store;
}

function queued(input: ClusterInput, n: number, feeds: number): QueuedItem {
  const feed = `feed${n % feeds}`;
  const seen = input.seenAt;
  return {
    id: input.id,
    feedId: feed,
    guid: input.id,
    url: `https://${feed}.example/${input.id}`,
    title: input.title,
    text: input.text,
    textLength: input.text.length,
    categories: [],
    published: input.published ?? seen,
    firstSeen: seen,
    outlet: feed,
    contentHash: input.id,
  };
}

/** `total` items published within `days`, a chunk at a time, in order within each chunk. */
function* stream(total: number, days: number, feeds: number, seed: number): Generator<QueuedItem[]> {
  const vocab = new Vocabulary(30_000);
  const chunks = Math.ceil(total / CHUNK);
  // Each chunk's events spread over two days; chunks start across the rest.
  const spread = Math.max(0, days - 2) * DAY_MS;
  let n = 0;
  for (let c = 0; c < chunks; c++) {
    const batch = articles(Math.min(CHUNK, total - c * CHUNK), 5, seed + c, vocab, {
      start: START + (c / chunks) * spread,
    });
    yield batch.map((a) => queued(a, n++, feeds));
  }
}

let peakHeap = 0;
/**
 * The live heap plus array buffers (the window's typed arrays), after a full collection: what the
 * stage holds, not garbage V8 has yet to collect. The child runs with the old space Lambda's
 * memory setting allows, so what it cannot collect would end it as it would end the function.
 */
function sample(): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
}

function stageOn(s3: S3Client, store: Store, clock: { now: () => Date }): StoryStage {
  return createStoryStage({
    store,
    journal: createS3Journal(s3, 'bench'),
    topics: compileTopics({
      topics: [{ name: 'Budget', query: 'budget OR minister NOT sport', recipients: ['desk@example.com'] }],
    }),
    clock,
  });
}

async function child(o: Options): Promise<void> {
  const meter: Meter = { options: { ...o, rttMs: 0, mbps: Number.POSITIVE_INFINITY }, requests: 0 };
  const scratch = mkdtempSync(join(tmpdir(), 'newswatch-stage-bench-'));
  if (o.keep) {
    mkdirSync(o.keep, { recursive: true });
    if (readdirSync(o.keep).length > 0) throw new Error(`--keep ${o.keep}: the folder is not empty`);
  }
  // A kept fill is written to its folder; what follows it, beside it, so a `--from` starts where the fill ended.
  const folders: Folders = o.keep ? { dir: o.keep } : { dir: scratch, ...(o.from ? { base: o.from } : {}) };
  try {
    await measure(o, meter, fakeS3(meter, folders), () => {
      if (o.keep) Object.assign(folders, { dir: scratch, base: o.keep });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What the fill leaves besides the window, which only `measure` holds: it must be dropped before the cold restore. */
interface Fill {
  now: number;
  /** Items per second of the fill; 0 when the window was restored from `--from`. */
  itemsPerSecond: number;
}

/** Fills a window with `total` items through the stage, without waits. */
async function fill(o: Options, stage: StoryStage, clock: { set: (t: number) => void }): Promise<Fill> {
  const total = o.feeds * o.perFeedDay * o.days;
  const started = performance.now();
  let now = START;
  let filled = 0;
  for (const chunk of stream(total, o.days, o.feeds, 1000)) {
    for (let i = 0; i < chunk.length; i += 100) {
      const batch = chunk.slice(i, i + 100);
      now = Math.max(now, ...batch.map((b) => Date.parse(b.firstSeen)));
      clock.set(now);
      await stage.process(batch);
    }
    filled += chunk.length;
    if (filled % 20_000 === 0) sample();
    if (filled % 50_000 === 0) console.error(`filled ${filled} of ${total}`);
  }
  if (o.keep) {
    const state: Filled = { feeds: o.feeds, days: o.days, perFeedDay: o.perFeedDay, now };
    writeFileSync(join(o.keep, FILLED), JSON.stringify(state));
  }
  return { now, itemsPerSecond: Math.round(total / ((performance.now() - started) / 1000)) };
}

/** The window of an earlier `--keep` run, restored by a first instance's first batch. */
async function restoreFilled(
  o: Options,
  stage: StoryStage,
  clock: { set: (t: number) => void },
): Promise<Fill> {
  const from = o.from as string;
  const state = JSON.parse(readFileSync(join(from, FILLED), 'utf8')) as Filled;
  if (state.feeds !== o.feeds || state.days !== o.days || state.perFeedDay !== o.perFeedDay)
    throw new Error(`--from ${from} holds ${JSON.stringify(state)}, not the options given`);
  clock.set(state.now);
  await stage.process([]);
  sample();
  return { now: state.now, itemsPerSecond: 0 };
}

async function measure(o: Options, meter: Meter, s3: S3Client, filledUp: () => void): Promise<void> {
  const store = fakeStore(meter);
  let now = START;
  const clock = { now: () => new Date(now), set: (t: number) => (now = t) };
  let stage: StoryStage | undefined = stageOn(s3, store, clock);
  const filled = o.from ? await restoreFilled(o, stage, clock) : await fill(o, stage, clock);
  filledUp();
  now = filled.now;
  const total = o.feeds * o.perFeedDay * o.days;

  // The burst: SQS FIFO batches of ten, every request at the modelled round trip.
  meter.options = o;
  meter.requests = 0;
  const burst = [...stream(BURST, 1, o.feeds, 99)].flat().map((item) => ({
    ...item,
    // Published in the last hours of the window, fetched now.
    firstSeen: new Date(now + 60_000).toISOString(),
  }));
  let snapshotSeconds = 0;
  const burstStarted = performance.now();
  for (let i = 0; i < burst.length; i += 10) {
    const started = performance.now();
    const before = meter.requests;
    now += 300;
    await stage.process(burst.slice(i, i + 10));
    // A batch that wrote parts and a manifest: its time less a batch's ordinary cost.
    if (meter.requests - before > 8)
      snapshotSeconds = Math.max(snapshotSeconds, (performance.now() - started) / 1000);
  }
  const burstDrainSeconds = (performance.now() - burstStarted) / 1000;
  sample();
  const burstRequests = meter.requests;

  // A cold instance: the first is dropped, the new one reads the journal on its first batch.
  stage = undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const restored = stageOn(s3, store, clock);
  const restoreStarted = performance.now();
  await restored.process([]);
  const restoreSeconds = (performance.now() - restoreStarted) / 1000;
  sample();
  const windowItems = total + BURST;
  console.log(
    JSON.stringify({
      feeds: o.feeds,
      days: o.days,
      windowItems,
      rttMs: o.rttMs,
      peakHeapMB: Math.round(peakHeap / 1_048_576),
      peakRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / 1_048_576),
      stageMemoryMB: STAGE_MEMORY_MB,
      snapshotSeconds: round(snapshotSeconds),
      restoreSeconds: round(restoreSeconds),
      burstDrainSeconds: round(burstDrainSeconds),
      burstRequestsPerItem: round(burstRequests / BURST),
      itemsPerSecond: Math.round(BURST / burstDrainSeconds),
      fillItemsPerSecond: filled.itemsPerSecond,
    }),
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      feeds: { type: 'string', default: '10000' },
      days: { type: 'string', default: '3' },
      'per-feed-day': { type: 'string', default: '20' },
      'rtt-ms': { type: 'string', default: '20' },
      mbps: { type: 'string', default: '80' },
      json: { type: 'boolean', default: false },
      keep: { type: 'string' },
      from: { type: 'string' },
      child: { type: 'boolean', default: false },
    },
  });
  const o: Options = {
    feeds: Number(values.feeds),
    days: Number(values.days),
    perFeedDay: Number(values['per-feed-day']),
    rttMs: Number(values['rtt-ms']),
    mbps: Number(values.mbps),
    ...(values.keep ? { keep: path.resolve(values.keep) } : {}),
    ...(values.from ? { from: path.resolve(values.from) } : {}),
  };
  if (values.child) {
    await child(o);
    return 0;
  }
  const self = fileURLToPath(import.meta.url);
  if (!values.json)
    console.log(
      `\n== story stage: ${o.feeds} feeds × ${o.perFeedDay} items a day × ${o.days} days, ${o.rttMs} ms a round trip`,
    );
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--expose-gc',
      `--max-old-space-size=${Math.floor(STAGE_MEMORY_MB * 0.9)}`,
      self,
      '--child',
      ...argv,
    ],
    { encoding: 'utf8', cwd: path.dirname(self), stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    console.error(`stage bench failed (${run.status})`);
    return 1;
  }
  if (values.json) {
    console.log(line);
    return 0;
  }
  const r = JSON.parse(line) as Record<string, number>;
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(22)} ${v}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main();

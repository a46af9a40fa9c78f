/**
 * Clustering speed and cost, reported (never asserted):
 * 1. the headline: articles per second end to end through `newswatch cluster`, JSONL in and out,
 *    against a naive MinHash in the same run (cluster-cli.ts; target 2.4x);
 * 2. throughput on one core for ~800-word synthetic articles, in this process: fingerprint +
 *    index lookup + assignment with the in-memory index, without the start-up, reading and
 *    writing that the CLI pays (target 2,000/s);
 * 3. time per item with 1k, 10k, 100k and 1M items already indexed (synthetic, within the window),
 *    with the postings and items each assignment read, which the design bounds;
 * What storage costs per item is bench/storage.ts's question.
 *
 *   npx tsx bench/cluster.ts [--cli-items 5000] [--rounds 5] [--sizes 1000,10000,100000,1000000]
 *     [--items 3000] [--passes 5]
 * The 1M size needs a larger heap: NODE_OPTIONS=--max-old-space-size=8192.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { articles, random, START, Vocabulary } from '../eval/lib/synthetic.ts';
import { fingerprint } from '../lambdas/core/clustering/fingerprint/features.ts';
import {
  type ClusterIndex,
  createClusterer,
  createMemoryClusterIndex,
  DEFAULT_OPTIONS,
} from '../lambdas/core/clustering/index.ts';
import { endToEnd } from './cluster-cli.ts';

const TARGET_PER_SECOND = 2000;
const HOUR = 3_600_000;

/**
 * Several passes, each on a fresh index: this machine's speed drifts by a quarter from one second
 * to the next (a shared host), so one pass says more about the neighbours than about the code.
 */
async function throughput(vocab: Vocabulary, count: number, passes: number): Promise<void> {
  const items = articles(count, 5, 1, vocab);
  const words = items.reduce((sum, i) => sum + i.text.split(/\s+/).length, 0) / items.length;
  // As many warm-up articles (other events) as measured ones: after only 300, V8 was still
  // compiling and deoptimising a few hundred functions inside the measured run, which a
  // long-running ingester pays once.
  const warm = createClusterer(createMemoryClusterIndex());
  for (const item of articles(count, 5, 99, vocab)) await warm.assign(item);
  const fp: Timing[] = [];
  const all: Timing[] = [];
  let stories = 0;
  for (let pass = 0; pass < passes; pass++) {
    fp.push(
      measure(() => {
        for (const item of items) fingerprint(item.title, item.text, DEFAULT_OPTIONS.features);
      }),
    );
    const clusterer = createClusterer(createMemoryClusterIndex());
    const found = new Set<string>();
    all.push(
      await measureAsync(async () => {
        for (const item of items) found.add((await clusterer.assign(item)).storyId);
      }),
    );
    stories = found.size;
  }
  const perSecond = (ms: number) => Math.round(items.length / (ms / 1000));
  const rate = (runs: Timing[]) => {
    const cpu = runs.map((t) => t.cpuMs);
    const wall = median(runs.map((t) => t.wallMs));
    return `median ${perSecond(median(cpu))}/s CPU (${perSecond(wall)}/s wall), best pass ${perSecond(Math.min(...cpu))}/s CPU`;
  };
  console.log(
    `\n== throughput, one core, in-memory index: ${items.length} articles of ~${Math.round(words)} words, passes: ${passes}`,
  );
  console.log(`fingerprint only: ${rate(fp)}`);
  console.log(`fingerprint + lookup + assign: ${rate(all)}, target ${TARGET_PER_SECOND}/s`);
  console.log(
    `  ${(median(all.map((t) => t.cpuMs)) / items.length).toFixed(3)} ms CPU/article (median); ` +
      `${stories} stories for ${items.length / 5} events`,
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU time of this process besides wall time: the bench machine is shared, and CPU time is what
 * one core spends whatever else runs beside it.
 */
interface Timing {
  cpuMs: number;
  wallMs: number;
}

function measure(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

async function measureAsync(work: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

/** Fills the index with `size` small synthetic items spread over the two days before the probes. */
async function prefill(index: ClusterIndex, size: number, vocab: Vocabulary): Promise<void> {
  const rnd = random(size);
  const featuresPerItem = 10;
  for (let i = 0; i < size; i++) {
    const eventTime = new Date(START - 48 * HOUR + (i / size) * 48 * HOUR).toISOString();
    const features = Array.from({ length: featuresPerItem }, () => `w:${vocab.zipf(rnd)}`);
    const itemId = `pre${i}`;
    const storyId = `st-pre${Math.floor(i / 5)}`;
    const membership = { storyId, itemId, isNew: i % 5 === 0, method: 'new', score: 0, evidence: {} };
    await index.add(
      {
        itemId,
        storyId,
        state: 'final',
        eventTime,
        writtenAt: eventTime,
        features,
        weights: features.map(() => 1),
        norm: Math.sqrt(featuresPerItem),
        membership,
      },
      { postingKeys: features, counted: features, day: eventTime.slice(0, 10), expiresAt: 0 },
    );
    if (i % 5 === 0) {
      const story = { storyId, features, weights: features.map(() => 1), counts: features.map(() => 1) };
      await index.putStory({ ...story, members: 1, version: 1 }, 0);
    }
  }
}

async function scaling(vocab: Vocabulary, sizes: number[]): Promise<void> {
  console.log(
    `\n== time per item with N items already indexed (in-memory index, ${PROBES} new articles after ${SETTLING} unmeasured)`,
  );
  const settling = articles(SETTLING, 5, 8, vocab, { start: START - 48 * HOUR });
  const probes = articles(PROBES, 5, 7, vocab);
  for (const size of sizes) {
    const index = createMemoryClusterIndex();
    const filling = performance.now();
    await prefill(index, size, vocab);
    const fillMs = performance.now() - filling;
    const { index: counting, work } = counted(index);
    const clusterer = createClusterer(counting);
    // The prefill leaves the collector a heap to sweep: let it do so before the clock starts.
    for (const item of settling) await clusterer.assign(item);
    work.postings = 0;
    work.items = 0;
    const t = await measureAsync(async () => {
      for (const item of probes) await clusterer.assign(item);
    });
    console.log(
      `N = ${String(size).padStart(9)}: ${(t.cpuMs / probes.length).toFixed(3)} ms CPU/item, ${(t.wallMs / probes.length).toFixed(3)} ms wall/item, ` +
        `${(work.postings / probes.length).toFixed(1)} postings and ${(work.items / probes.length).toFixed(1)} items read per item` +
        `  (prefill ${Math.round(fillMs)} ms, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`,
    );
  }
}

const PROBES = 1000;
const SETTLING = 200;

/**
 * The index with a count of what assignments read from it: time on a shared machine drifts, the
 * work per item does not, and it is what must stay flat as the index grows.
 */
function counted(inner: ClusterIndex) {
  const work = { postings: 0, items: 0 };
  const index: ClusterIndex = {
    getItems: async (ids) => {
      const found = await inner.getItems(ids);
      work.items += found.length;
      return found;
    },
    frequencies: (features, days) => inner.frequencies(features, days),
    postings: async (keys, range, limit) => {
      const lists = await inner.postings(keys, range, limit);
      for (const ids of lists) work.postings += ids.length;
      return lists;
    },
    add: (item, placement) => inner.add(item, placement),
    claim: (key, itemId, expiresAt) => inner.claim(key, itemId, expiresAt),
    getStories: (ids) => inner.getStories(ids),
    putStory: (story, expiresAt) => inner.putStory(story, expiresAt),
    settle: (itemId, membership) => inner.settle(itemId, membership),
  };
  return { index, work };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'cli-items': { type: 'string' },
      rounds: { type: 'string' },
      sizes: { type: 'string' },
      items: { type: 'string' },
      passes: { type: 'string' },
    },
  });
  const vocab = new Vocabulary(30_000);
  endToEnd(vocab, Number(values['cli-items'] ?? 5000), Number(values.rounds ?? 5));
  await throughput(vocab, Number(values.items ?? 3000), Number(values.passes ?? 5));
  await scaling(vocab, (values.sizes ?? '1000,10000,100000,1000000').split(',').map(Number));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

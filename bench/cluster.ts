/**
 * Clustering speed and cost, reported (never asserted):
 * 1. the headline: articles per second end to end through `newswatch cluster`, JSONL in and out,
 *    against a naive MinHash in the same run (cluster-cli.ts; target 2.4x);
 * 2. throughput on one core for ~800-word synthetic articles, in this process: fingerprint +
 *    index lookup + assignment with the in-memory index, without the start-up, reading and
 *    writing that the CLI pays (target 2,000/s);
 * 3. time per item with 1k, 10k, 100k and 1M items already in the window (synthetic), with the
 *    candidate stories each assignment scores, which the design bounds;
 * The window's memory per item is bench/cluster-memory.ts's question.
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
import { KINDS, termId } from '../lambdas/core/clustering/fingerprint/evidence.ts';
import { EMPTY_VECTOR } from '../lambdas/core/clustering/fingerprint/vector.ts';
import { createStoryEngine, type StoryIndex } from '../lambdas/core/clustering/index.ts';
import { endToEnd } from './cluster-cli.ts';

const TARGET_PER_SECOND = 2000;
const HOUR = 3_600_000;

/**
 * Several passes, each on a fresh index: this machine's speed drifts by a quarter from one second
 * to the next (a shared host), so one pass says more about the neighbours than about the code.
 */
function throughput(vocab: Vocabulary, count: number, passes: number): void {
  const items = articles(count, 5, 1, vocab);
  const words = items.reduce((sum, i) => sum + i.text.split(/\s+/).length, 0) / items.length;
  // As many warm-up articles (other events) as measured ones: after only 300, V8 was still
  // compiling and deoptimising a few hundred functions inside the measured run, which a
  // long-running ingester pays once.
  const warm = createStoryEngine();
  for (const item of articles(count, 5, 99, vocab)) warm.assign(item);
  const fp: Timing[] = [];
  const all: Timing[] = [];
  let stories = 0;
  for (let pass = 0; pass < passes; pass++) {
    const engine = createStoryEngine();
    fp.push(
      measure(() => {
        for (const item of items) engine.prepare(item);
      }),
    );
    const found = new Set<string>();
    all.push(
      measure(() => {
        for (const item of items) found.add(engine.assign(item).storyId);
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
  console.log(`read and weigh only: ${rate(fp)}`);
  console.log(`read + weigh + candidates + assign: ${rate(all)}, target ${TARGET_PER_SECOND}/s`);
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

/**
 * Fills the window with `size` small synthetic placements spread over the two days before the
 * probes: ten Zipf-drawn body terms each, five to a story, as the engine would have placed them.
 */
function prefill(index: StoryIndex, size: number, vocab: Vocabulary): void {
  const rnd = random(size);
  for (let i = 0; i < size; i++) {
    const ids = [...new Set(Array.from({ length: 10 }, () => termId(0, vocab.zipf(rnd))))].sort(
      (x, y) => x - y,
    );
    const body = {
      ids: Uint32Array.from(ids),
      weights: Float32Array.from(ids, () => 1 / Math.sqrt(ids.length)),
    };
    index.place({
      itemId: `pre${i}`,
      storyId: `st-pre${Math.floor(i / 5)}`,
      eventTime: START - 48 * HOUR + (i / size) * 48 * HOUR,
      exact: [],
      keys: ids,
      vectors: KINDS.map((_, k) => (k === 0 ? body : EMPTY_VECTOR)),
      counted: ids,
    });
  }
  index.takeChanges();
}

async function scaling(vocab: Vocabulary, sizes: number[]): Promise<void> {
  console.log(
    `\n== time per item with N items already in the window (${PROBES} new articles after ${SETTLING} unmeasured)`,
  );
  const settling = articles(SETTLING, 5, 8, vocab, { start: START - 48 * HOUR });
  const probes = articles(PROBES, 5, 7, vocab);
  for (const size of sizes) {
    const engine = createStoryEngine();
    const filling = performance.now();
    prefill(engine.index, size, vocab);
    const fillMs = performance.now() - filling;
    // The prefill leaves the collector a heap to sweep: let it do so before the clock starts.
    for (const item of settling) engine.assign(item);
    let scored = 0;
    const t = measure(() => {
      for (const item of probes) {
        scored += engine.candidates(engine.prepare(item)).length;
        engine.assign(item);
      }
    });
    console.log(
      `N = ${String(size).padStart(9)}: ${(t.cpuMs / probes.length).toFixed(3)} ms CPU/item (twice the candidates work: counted, then assigned), ` +
        `${(scored / probes.length).toFixed(1)} candidate stories scored per item` +
        `  (prefill ${Math.round(fillMs)} ms, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`,
    );
  }
}

const PROBES = 1000;
const SETTLING = 200;

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
  throughput(vocab, Number(values.items ?? 3000), Number(values.passes ?? 5));
  await scaling(vocab, (values.sizes ?? '1000,10000,100000,1000000').split(',').map(Number));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

/**
 * Memory of the story window per item: `npm run bench -- cluster-memory`.
 *
 * Synthetic full articles (~800 words, five reports per event) published within three days, all
 * inside the window the story stage holds, assigned one by one in a child process per engine. The
 * figure is the growth of peak RSS between 10,000 and 100,000 items, per item: what each item
 * held in the window costs, start-up and caches aside. Articles are made a thousand at a time and
 * dropped once assigned, so the corpus itself is not counted.
 *
 * Two engines side by side: the clustering engine the pipeline runs (lambdas/core/clustering), and
 * the same-event model prototype with its compact fingerprint (eval/lib/event-model), which is
 * not wired into the pipeline yet.
 *
 *   npx tsx bench/cluster-memory.ts [--items 100000] [--checkpoint 10000]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { StoryEngine } from '../eval/lib/event-model/engine.ts';
import { StoryIndex } from '../eval/lib/event-model/story-index.ts';
import { articles, START, Vocabulary } from '../eval/lib/synthetic.ts';
import type { ClusterInput } from '../lambdas/core/clustering/index.ts';
import { createClusterer, createMemoryClusterIndex } from '../lambdas/core/clustering/index.ts';

const CHUNK = 1000;
const DAY_MS = 86_400_000;
const TARGET_BYTES_PER_ITEM = 2048;
const ENGINES = ['pipeline', 'prototype'] as const;
type EngineName = (typeof ENGINES)[number];

function* corpus(total: number): Generator<ClusterInput> {
  const vocab = new Vocabulary(7);
  const chunks = Math.ceil(total / CHUNK);
  // Each chunk's events spread over two days; chunks start across the first day: three days in all.
  for (let c = 0; c < chunks; c++)
    yield* articles(Math.min(CHUNK, total - c * CHUNK), 5, 1000 + c, vocab, {
      start: START + (c / chunks) * DAY_MS,
    });
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function child(engine: EngineName, total: number, checkpoint: number): Promise<void> {
  const assign = assigner(engine);
  let n = 0;
  let atCheckpoint = 0;
  const started = performance.now();
  for (const input of corpus(total)) {
    await assign(input);
    if (++n === checkpoint) atCheckpoint = peakRss();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ engine, checkpoint, atCheckpoint, total, atTotal: peakRss(), seconds }));
}

function assigner(engine: EngineName): (input: ClusterInput) => Promise<unknown> | unknown {
  if (engine === 'prototype') {
    const e = new StoryEngine(new StoryIndex());
    return (input) => e.assign(input);
  }
  const clusterer = createClusterer(createMemoryClusterIndex());
  return (input) => clusterer.assign(input);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      items: { type: 'string', default: '100000' },
      checkpoint: { type: 'string', default: '10000' },
      child: { type: 'string' },
    },
  });
  const total = Number(values.items);
  const checkpoint = Number(values.checkpoint);
  if (values.child) {
    await child(values.child as EngineName, total, checkpoint);
    return 0;
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`\n== window memory: ${checkpoint} to ${total} synthetic full articles within three days`);
  for (const engine of ENGINES) {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--max-old-space-size=16384',
        self,
        '--child',
        engine,
        '--items',
        `${total}`,
        '--checkpoint',
        `${checkpoint}`,
      ],
      { encoding: 'utf8', cwd: path.dirname(self) },
    );
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      console.log(`${engine}: failed (${run.status}): ${run.stderr.slice(-400)}`);
      return 1;
    }
    const r = JSON.parse(line) as { atCheckpoint: number; atTotal: number; seconds: number };
    const perItem = (r.atTotal - r.atCheckpoint) / (total - checkpoint);
    console.log(
      `${engine}: peak RSS ${mb(r.atCheckpoint)} at ${checkpoint}, ${mb(r.atTotal)} at ${total}: ` +
        `${(perItem / 1024).toFixed(2)} KB per item (target ${TARGET_BYTES_PER_ITEM / 1024} KB), ${Math.round(total / r.seconds)} items/s`,
    );
  }
  return 0;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MB`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main();

/**
 * Memory of the story window per item: `npm run bench -- cluster-memory`.
 *
 * Synthetic full articles (~800 words, five reports per event) published within three days, all
 * inside the window the story stage holds, assigned one by one in a child process per engine. The
 * figure is the growth of peak RSS between 10,000 and 100,000 items, per item: what each item
 * held in the window costs, start-up and caches aside. Articles are made a thousand at a time and
 * dropped once assigned, so the corpus itself is not counted.
 *
 * The engine is the one the pipeline runs (lambdas/core/clustering), in a child process of its own
 * so that nothing of this process is counted.
 *
 *   npx tsx bench/cluster-memory.ts [--items 100000] [--checkpoint 10000]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { articles, START, Vocabulary } from '../eval/lib/synthetic.ts';

import { createStoryEngine } from '../lambdas/core/clustering/index.ts';

const CHUNK = 1000;
const DAY_MS = 86_400_000;
const TARGET_BYTES_PER_ITEM = 2048;

function* corpus(total: number) {
  const vocab = new Vocabulary(30_000);
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

function child(total: number, checkpoint: number): void {
  const engine = createStoryEngine();
  let n = 0;
  let atCheckpoint = 0;
  const started = performance.now();
  for (const input of corpus(total)) {
    engine.assign(input);
    if (++n === checkpoint) atCheckpoint = peakRss();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ checkpoint, atCheckpoint, total, atTotal: peakRss(), seconds }));
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      items: { type: 'string', default: '100000' },
      checkpoint: { type: 'string', default: '10000' },
      child: { type: 'boolean' },
    },
  });
  const total = Number(values.items);
  const checkpoint = Number(values.checkpoint);
  if (values.child) {
    child(total, checkpoint);
    return 0;
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`\n== window memory: ${checkpoint} to ${total} synthetic full articles within three days`);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--max-old-space-size=16384',
      self,
      '--child',
      '--items',
      `${total}`,
      '--checkpoint',
      `${checkpoint}`,
    ],
    { encoding: 'utf8', cwd: path.dirname(self) },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    console.log(`failed (${run.status}): ${run.stderr.slice(-400)}`);
    return 1;
  }
  const r = JSON.parse(line) as { atCheckpoint: number; atTotal: number; seconds: number };
  const perItem = (r.atTotal - r.atCheckpoint) / (total - checkpoint);
  console.log(
    `peak RSS ${mb(r.atCheckpoint)} at ${checkpoint}, ${mb(r.atTotal)} at ${total}: ` +
      `${(perItem / 1024).toFixed(2)} KB per item (target ${TARGET_BYTES_PER_ITEM / 1024} KB), ${Math.round(total / r.seconds)} items/s`,
  );
  return 0;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MB`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main();

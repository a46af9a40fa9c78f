/**
 * `npm run bench -- load`: one `newswatch run --once` over 40 loopback feeds of 50 full-text
 * items (2,000 items: 100 wire stories carried by 4 outlets each, 1,600 distinct stories; about
 * 800 words each), as a child process. Prints its wall time and peak RSS (harness.ts says how it
 * is measured) against the targets, then what it stored against the corpus's ground truth.
 * Figures are printed, never asserted; the run is stopped after 10 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measuredNewswatch, storedStories, tally, writeLoadConfig } from './load/harness.ts';
import { startLoadServer } from './load/server.ts';

const SHAPE = { feeds: 40, itemsPerFeed: 50, wireStories: 100, outletsPerWire: 4, seed: 20261202 };
const TARGET_WALL_S = 30;
const TARGET_RSS_MB = 400;
const TIMEOUT_MS = 10 * 60_000;

const mb = (bytes: number) => bytes / 1024 / 1024;

export async function main(_argv: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-load-'));
  const server = await startLoadServer(SHAPE);
  try {
    const config = await writeLoadConfig(dir, server);
    const total = SHAPE.feeds * SHAPE.itemsPerFeed;
    const copies = SHAPE.wireStories * SHAPE.outletsPerWire;
    console.log(
      `${SHAPE.feeds} feeds x ${SHAPE.itemsPerFeed} items = ${total} items (${SHAPE.wireStories} wire stories x ${SHAPE.outletsPerWire} outlets, ${total - copies} distinct); expect ${SHAPE.wireStories + total - copies} stories`,
    );
    // Builds the CLI bundle first, so its one-off build is not timed.
    await measuredNewswatch(['--version'], { cwd: dir, workDir: dir });
    const started = new Date();
    const run = await measuredNewswatch(['run', '--once', '--config', config], {
      cwd: dir,
      workDir: dir,
      timeoutMs: TIMEOUT_MS,
    });
    const rss =
      run.maxRssBytes === undefined ? 'unknown (no normal exit)' : `${mb(run.maxRssBytes).toFixed(0)} MB`;
    console.log(
      `newswatch run --once: exit ${run.code}, wall ${(run.wallMs / 1000).toFixed(1)} s (target < ${TARGET_WALL_S} s), peak RSS ${rss} (target < ${TARGET_RSS_MB} MB), CPU ${((run.cpuMs ?? Number.NaN) / 1000).toFixed(1)} s`,
    );
    console.log(`  server answered ${server.requests.feed} feed and ${server.requests.page} page requests`);
    if (run.code !== 0) {
      console.log(run.stderr.slice(-2000));
      return 1;
    }
    const since = new Date(started.getTime() - 2 * 86_400_000);
    const t0 = performance.now();
    const stories = await storedStories(config, dir, since);
    const t = tally(server, stories);
    console.log(
      `stored: ${t.distinctItems} items (${t.missingItems} missing, ${t.duplicateItems} stored twice) in ${t.stories} stories; ` +
        `wire stories whole ${t.wireWhole}/${SHAPE.wireStories}, split ${t.wireSplit}; stories mixing events ${t.mixedStories} ` +
        `(read back in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    for (const m of t.mixed.slice(0, 10))
      console.log(`  mixed: "${m.headline}" holds ${m.truths.join(', ')}`);
    return 0;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

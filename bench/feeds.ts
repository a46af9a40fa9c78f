/**
 * Parse + normalise throughput over the real captured feeds in ../shared/corpora/rss-parser-tests
 * (Guardian, heise, reddit, podcasts...): every input parsed and every item normalised, repeated
 * for at least --seconds after a warm-up pass, on one core (this process, one thread).
 *
 *   npx tsx bench/feeds.ts [--seconds 5]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { FeedParseError, normaliseItem, parseFeed } from '../lambdas/core/feeds/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputDir = path.resolve(repoRoot, '../shared/corpora/rss-parser-tests/input');

interface Feed {
  name: string;
  body: Uint8Array;
  url: string;
}

/** One pass over every feed; returns the items normalised. Unparseable inputs count zero items. */
async function pass(feeds: Feed[], now: Date): Promise<number> {
  let items = 0;
  for (const { name, body, url } of feeds) {
    try {
      const parsed = await parseFeed(body, { url });
      const spec = { id: name, url };
      for (const raw of parsed.items) {
        normaliseItem(raw, {
          feed: spec,
          feedUrl: url,
          feedTitle: parsed.title,
          feedLanguage: parsed.language,
          now,
        });
        items++;
      }
    } catch (err) {
      // The suite holds one deliberately unrecognised feed; anything else is a bug worth stopping for.
      if (!(err instanceof FeedParseError)) throw err;
    }
  }
  return items;
}

/** rss-parser's parseString alone (UTF-8, no normalisation) on the same feeds, for a same-machine reference. */
async function baselinePass(feeds: Feed[], parser: Parser): Promise<number> {
  let items = 0;
  for (const { body } of feeds) {
    try {
      items += (await parser.parseString(Buffer.from(body).toString('utf8'))).items.length;
    } catch {
      // rss-parser rejects the same unrecognised feed; it counts zero items, as in our pass.
    }
  }
  return items;
}

interface Tally {
  passes: number;
  items: number;
  seconds: number;
}

async function timed(run: () => Promise<number>, tally: Tally): Promise<void> {
  const started = process.hrtime.bigint();
  tally.items += await run();
  tally.seconds += Number(process.hrtime.bigint() - started) / 1e9;
  tally.passes++;
}

/**
 * Our pass and the reference pass alternate, so both see the same machine load (the bench machine
 * is shared); each runs once untimed first to warm up.
 */
async function interleaved(
  ours: () => Promise<number>,
  reference: () => Promise<number>,
  minSeconds: number,
) {
  await ours();
  await reference();
  const a: Tally = { passes: 0, items: 0, seconds: 0 };
  const b: Tally = { passes: 0, items: 0, seconds: 0 };
  while (a.seconds < minSeconds) {
    await timed(ours, a);
    await timed(reference, b);
  }
  return { ours: a, reference: b };
}

async function timeFile(feed: Feed, now: Date): Promise<{ ms: number; items: number }> {
  const started = process.hrtime.bigint();
  const items = await pass([feed], now);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, items };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (!existsSync(inputDir)) {
    console.log(`bench:feeds skipped: ${inputDir} not found (the external corpora live beside the repo)`);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { seconds: { type: 'string' } } });
  const minSeconds = Number(values.seconds ?? 5);
  const feeds: Feed[] = readdirSync(inputDir)
    .sort()
    .map((name) => ({
      name,
      body: readFileSync(path.join(inputDir, name)),
      url: `https://bench.invalid/${name}`,
    }));
  const bytes = feeds.reduce((n, f) => n + f.body.byteLength, 0);
  const now = new Date();
  const perPass = await pass(feeds, now);
  const parser = new Parser();
  const { ours, reference } = await interleaved(
    () => pass(feeds, now),
    () => baselinePass(feeds, parser),
    minSeconds,
  );
  const mb = (bytes * ours.passes) / 1e6;
  console.log(
    `${feeds.length} feeds, ${(bytes / 1e6).toFixed(2)} MB, ${perPass} items per pass; ${ours.passes} passes in ${ours.seconds.toFixed(2)} s on one core`,
  );
  console.log(
    `parse + normalise: ${Math.round(ours.items / ours.seconds)} items/s, ${((feeds.length * ours.passes) / ours.seconds).toFixed(1)} feeds/s, ${(mb / ours.seconds).toFixed(1)} MB/s`,
  );
  console.log(
    `reference, rss-parser 3.13.0 parseString only: ${Math.round(reference.items / reference.seconds)} items/s (${reference.passes} passes)`,
  );
  const largest = feeds.reduce((a, b) => (b.body.byteLength > a.body.byteLength ? b : a));
  const single = await timeFile(largest, now);
  console.log(
    `largest feed ${largest.name} (${(largest.body.byteLength / 1e6).toFixed(2)} MB, ${single.items} items): ${single.ms.toFixed(1)} ms`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}

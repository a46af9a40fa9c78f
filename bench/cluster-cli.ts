/**
 * Clustering throughput end to end, as a user of `newswatch cluster` gets it: the real CLI process
 * (bin/newswatch.mjs) reading a JSONL file and writing one, its start-up subtracted by timing the
 * same command on a one-article file. In the same run and the same way, the naive MinHash
 * reference (minhash-reference.mjs) over the same file, and the ratio of the two. Rounds
 * interleave the commands and medians are reported: the host is shared, so figures from separate
 * runs do not compare, and the ratio within a run is the figure that counts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articles, type Vocabulary } from '../eval/lib/synthetic.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 2.4;
/** makeArticle overshoots its length by about 4%: this gives the ~490-word articles the issue measures. */
const WORDS = 470;
const COPIES = 5;

const COMMANDS = {
  newswatch: (input: string, output: string) => [
    path.join(ROOT, 'bin/newswatch.mjs'),
    'cluster',
    '--in',
    input,
    '--out',
    output,
  ],
  reference: (input: string, output: string) => [
    path.join(ROOT, 'bench/minhash-reference.mjs'),
    '--in',
    input,
    '--out',
    output,
  ],
};
type Name = keyof typeof COMMANDS;
const NAMES = Object.keys(COMMANDS) as Name[];

/**
 * CPU time of the children this process has waited for, in ms (cutime and cstime of
 * /proc/self/stat, in 1/100 s; NaN off Linux): what a command cost, whatever else the shared host
 * ran meanwhile. It counts all of a child's threads, the collector's and the compiler's too.
 */
function childrenCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed(args: string[]): Timing {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpu };
}

/** One command in one round: articles per second beyond the first, start-up subtracted. */
interface Round {
  wall: number;
  cpu: number;
  startupMs: number;
}
type Pair = Record<Name, Round>;

interface Files {
  all: string;
  one: string;
  /** Where a command writes what it read from `all` (from `one`, with `-one` added). */
  out: (name: Name, of?: 'one') => string;
}

function measure(name: Name, files: Files, count: number): Round {
  const all = timed(COMMANDS[name](files.all, files.out(name)));
  const one = timed(COMMANDS[name](files.one, files.out(name, 'one')));
  const rate = (allMs: number, oneMs: number) => (count - 1) / ((allMs - oneMs) / 1000);
  return { wall: rate(all.wallMs, one.wallMs), cpu: rate(all.cpuMs, one.cpuMs), startupMs: one.wallMs };
}

function writeInput(dir: string, vocab: Vocabulary, count: number): { files: Files; words: number } {
  const items = articles(count, COPIES, 11, vocab, { words: WORDS });
  const lines = items.map(({ id, title, text, published, source }) =>
    JSON.stringify({ id, title, text, published, source }),
  );
  const files: Files = {
    all: path.join(dir, 'articles.jsonl'),
    one: path.join(dir, 'one.jsonl'),
    out: (name, of) => path.join(dir, of ? `${name}-${of}.jsonl` : `${name}.jsonl`),
  };
  writeFileSync(files.all, `${lines.join('\n')}\n`);
  writeFileSync(files.one, `${lines[0]}\n`);
  const words = items.reduce((sum, i) => sum + i.text.split(/\s+/).length, 0) / items.length;
  return { files, words };
}

export function endToEnd(vocab: Vocabulary, count: number, rounds: number): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'nw-bench-cli-'));
  try {
    const { files, words } = writeInput(dir, vocab, count);
    // Untimed first starts: the CLI may have its bundle to build, and neither is timed loading from a cold disk.
    for (const name of NAMES) timed(COMMANDS[name](files.one, files.out(name, 'one')));
    const results: Pair[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? NAMES : [...NAMES].reverse();
      results.push(Object.fromEntries(order.map((name) => [name, measure(name, files, count)])) as Pair);
    }
    console.log(
      `\n== end to end, one process per command: ${count} articles of ~${Math.round(words)} words, ` +
        `JSONL in and out, start-up subtracted, ${rounds} rounds interleaved`,
    );
    report(results);
    console.log(
      `${storiesIn(files.out('newswatch'), count)} stories for ${Math.ceil(count / COPIES)} events`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(results: Pair[]): void {
  const summary = (name: Name) => {
    const rounds = results.map((pair) => pair[name]);
    return (
      `median ${perSecond(median(rounds.map((x) => x.wall)))} wall, ${perSecond(median(rounds.map((x) => x.cpu)))} CPU; ` +
      `start-up ${(median(rounds.map((x) => x.startupMs)) / 1000).toFixed(2)} s`
    );
  };
  // Each round's ratio pairs two measurements taken moments apart, under the same neighbours.
  const ratio = (pick: (x: Round) => number) =>
    median(results.map((pair) => pick(pair.newswatch) / pick(pair.reference))).toFixed(2);
  console.log(`newswatch cluster: ${summary('newswatch')}`);
  console.log(`naive MinHash reference (128 permutations, 3-word shingles): ${summary('reference')}`);
  console.log(
    `ratio newswatch / reference, median of rounds: ${ratio((x) => x.wall)}x wall, ` +
      `${ratio((x) => x.cpu)}x CPU; target ${TARGET_RATIO}x`,
  );
  const rounds = results.map(
    (pair) => `${perSecond(pair.newswatch.wall)} vs ${perSecond(pair.reference.wall)}`,
  );
  console.log(`per round, wall: ${rounds.join('; ')}`);
}

function storiesIn(file: string, count: number): number {
  const rows = readFileSync(file, 'utf8').trim().split('\n');
  if (rows.length !== count)
    throw new Error(`newswatch cluster wrote ${rows.length} lines for ${count} articles`);
  return new Set(rows.map((row) => (JSON.parse(row) as { storyId: string }).storyId)).size;
}

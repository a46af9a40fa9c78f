/**
 * Topic matching throughput: 1,000 synthetic topics (every operator) against synthetic news items
 * of a title and ~300 words of text, drawn from a Zipf-distributed vocabulary, with two topic
 * profiles (common and rarer query words); when the UCI subset is present, also against its real
 * headlines. One core, CPU time, after a warm-up.
 *
 *   npx tsx bench/tag.ts [--topics 1000] [--items 2000] [--lang de]
 *
 * --lang gives the synthetic items a language: in a stemmed one each word is also looked up by stem.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { random } from '../eval/lib/synthetic.ts';
import type { MatchDocument, TopicSpec, TopicsSection } from '../lambdas/core/topics/index.ts';
import { compileTopics } from '../lambdas/core/topics/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const uciCsv = path.resolve(repoRoot, '../shared/corpora/uci-news-aggregator-subset/uci-news-aggregator.csv');
const TARGET_ITEMS_PER_SECOND = 5000;

const SYLLABLES = [
  'ka',
  'to',
  'mi',
  're',
  'san',
  'lo',
  'ver',
  'den',
  'pa',
  'chi',
  'mon',
  'tel',
  'gra',
  'su',
  'fen',
];
const MAX_SYLLABLES = 4;

function vocabulary(size: number, rand: () => number): string[] {
  if (size > SYLLABLES.length ** MAX_SYLLABLES / 2)
    throw new Error(`vocabulary of ${size} words is too large`);
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * MAX_SYLLABLES);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** Rank r is drawn with probability ∝ 1/r, like words in running text. */
function zipf(size: number, rand: () => number): () => number {
  const harmonic = Math.log(size) + 0.5772;
  return () => Math.min(size - 1, Math.floor(Math.exp(rand() * harmonic)) - 1);
}

/** Topic words are drawn uniformly from vocabulary ranks [lowRank, highRank). */
interface TopicProfile {
  label: string;
  lowRank: number;
  highRank: number;
}

const PROFILES: TopicProfile[] = [
  // Words as common as "government" or "said": about 70% of an item's words are query words and
  // each item matches ~10 of the 1,000 topics. Harsher than real topic sets.
  { label: 'dense topics (ranks 50-3,050)', lowRank: 50, highRank: 3050 },
  // Names and subject words: rarer, as most real topic terms are.
  { label: 'sparse topics (ranks 1,000-20,000)', lowRank: 1000, highRank: 20_000 },
];

function synthTopics(
  count: number,
  vocab: string[],
  rand: () => number,
  profile: TopicProfile,
): TopicsSection {
  const span = profile.highRank - profile.lowRank;
  const word = () => vocab[profile.lowRank + Math.floor(rand() * span)] ?? 'x';
  const shapes = [
    () => `${word()} AND (${word()} OR ${word()}) NEAR/10 (${word()} OR "${word()} ${word()}")`,
    () => `"${word()} ${word()}" OR ${word()}`,
    () => `${word()} ${word()} NOT title:${word()}`,
    () => `${word().slice(0, 4)}* AND ${word()}`,
    () => `${word()} ONEAR/3 ${word()} AND NOT ${word()}`,
    () => `@shared AND (${word()} OR ${word()} OR ${word()})`,
    () => `title:(${word()} OR ${word()}) AND ${word()}`,
  ];
  const topics: TopicSpec[] = [];
  for (let i = 0; i < count; i++) {
    const shape = shapes[i % shapes.length] ?? shapes[0];
    topics.push({ name: `topic ${i}`, query: shape ? shape() : word() });
  }
  return { aliases: { shared: `${word()} OR ${word()} OR "${word()} ${word()}"` }, topics };
}

function synthItems(count: number, vocab: string[], rand: () => number, lang?: string): MatchDocument[] {
  const rank = zipf(vocab.length, rand);
  const words = (n: number) => Array.from({ length: n }, () => vocab[rank()]).join(' ');
  const sentences = (n: number) => Array.from({ length: n }, () => `${words(15)}.`).join(' ');
  return Array.from({ length: count }, () => ({
    title: words(10),
    text: sentences(20),
    ...(lang ? { lang } : {}),
  }));
}

/** Headlines from the UCI subset; the last row is cut mid-line and dropped. */
function uciHeadlines(): MatchDocument[] {
  const lines = readFileSync(uciCsv, 'utf8').split('\n').slice(1, -1);
  return lines.map((line) => {
    const quoted = /^\d+,"((?:[^"]|"")*)",/.exec(line);
    const title = quoted ? (quoted[1] ?? '').replaceAll('""', '"') : (line.split(',')[1] ?? '');
    return { title, text: '' };
  });
}

/**
 * Items per CPU-second of this single-threaded process: the figure for one core. The machine may be
 * shared, so each pass is timed separately and the best and median passes are reported.
 */
function measure(items: MatchDocument[], match: (doc: MatchDocument) => unknown[], passes: number) {
  for (const item of items.slice(0, 200)) match(item);
  let hits = 0;
  const rates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = process.cpuUsage();
    for (const item of items) hits += match(item).length;
    const used = process.cpuUsage(started);
    rates.push(items.length / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  return {
    best: rates.at(-1) ?? 0,
    median: rates[Math.floor(rates.length / 2)] ?? 0,
    hitsPerItem: hits / (items.length * passes),
    matched: items.length * passes,
  };
}

function report(label: string, result: ReturnType<typeof measure>): string {
  return (
    `${label}: best ${result.best.toFixed(0)}, median ${result.median.toFixed(0)} items per CPU-second ` +
    `over ${result.matched} items (${result.hitsPerItem.toFixed(2)} hits/item)`
  );
}

/** `argv` is this bench's own flags; an aggregating runner calls main() with none. */
export async function main(argv: string[] = []): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { topics: { type: 'string' }, items: { type: 'string' }, lang: { type: 'string' } },
  });
  const topicCount = Number(values.topics ?? 1000);
  const itemCount = Number(values.items ?? 2000);
  const rand = random(42);
  const vocab = vocabulary(20_000, rand);
  const items = synthItems(itemCount, vocab, rand, values.lang);
  console.log(
    `${itemCount} synthetic items of a 10-word title and ~300 words of text, ${topicCount} topics` +
      (values.lang ? `, items in language ${values.lang}` : ''),
  );
  for (const profile of PROFILES) {
    const section = synthTopics(topicCount, vocab, rand, profile);
    const compileStart = process.hrtime.bigint();
    const matcher = compileTopics(section);
    const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
    const result = measure(items, (doc) => matcher.match(doc), 5);
    const verdict = result.median >= TARGET_ITEMS_PER_SECOND ? 'meets' : 'MISSES';
    console.log(
      `${report(profile.label, result)}; compiled in ${compileMs.toFixed(0)} ms; ` +
        `median ${verdict} the ${TARGET_ITEMS_PER_SECOND}/s target`,
    );
    if (profile === PROFILES[0] && existsSync(uciCsv)) {
      // Real headlines hardly contain synthetic words: this measures scanning cost only.
      console.log(
        report(
          '  same topics on UCI headlines',
          measure(uciHeadlines(), (doc) => matcher.match(doc), 5),
        ),
      );
    }
  }
  if (!existsSync(uciCsv)) console.log(`UCI headlines skipped: ${uciCsv} is absent`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

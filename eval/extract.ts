/**
 * Main-text extraction quality on the Scrapinghub article-extraction benchmark, scored with the
 * benchmark's own metric (evaluate.py, reimplemented): 4-gram shingles of \w+ tokens, per-page
 * tp/fp/fn normalised to sum 1, precision and recall averaged over pages, F1 of the averages.
 *
 *   npx tsx eval/extract.ts [--worst N] [--baseline]
 *
 * --baseline also scores plain Readability on the same linkedom DOM (textContent, no cleanup),
 * to show what the cleanup adds.
 *
 * Then the multilingual pages composed for this eval (eval/fixtures/extract: ja, zh, ko, de, fr,
 * ar), each encoded in the charset it declares and decoded as a fetched page is. They are scored
 * with the same shingles over the words of newswatch's tokenizer, which splits Japanese and
 * Chinese into words: to \w+ a sentence of either is a single token.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { decodeHtml } from '../lambdas/core/extract/decode.ts';
import { parseDocument } from '../lambdas/core/extract/dom.ts';
import { extractArticle } from '../lambdas/core/extract/index.ts';
import { tokenize } from '../lambdas/core/text/tokenize.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpora/scrapinghub-article-extraction-benchmark');
const multilingualDir = path.join(repoRoot, 'eval/fixtures/extract');
/** Published by the benchmark for Mozilla Readability.js. */
const READABILITY_JS_PUBLISHED_F1 = 0.947;

type Counts = [tp: number, fp: number, fn: number];
type Bodies = Record<string, { articleBody?: string }>;

// Python's \w: letters, digits and underscore (combining marks are not word characters there).
const TOKEN = /[\p{L}\p{N}_]+/gu;

type Tokens = (text: string) => string[];
const benchmarkTokens: Tokens = (text) => text.match(TOKEN) ?? [];

function shingles(text: string, tokensOf: Tokens): Map<string, number> {
  const tokens = tokensOf(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - 3); i++) {
    const shingle = tokens.slice(i, i + 4);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function shingleCounts(truth: string, predicted: string, tokensOf = benchmarkTokens): Counts {
  const expected = shingles(truth, tokensOf);
  const got = shingles(predicted, tokensOf);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const e = expected.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    tp += Math.min(e, g);
    fp += Math.max(0, g - e);
    fn += Math.max(0, e - g);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

function precision([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
}

function recall([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
}

function pageF1(counts: Counts): number {
  const p = precision(counts);
  const r = recall(counts);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function score(counts: Counts[]): { precision: number; recall: number; f1: number } {
  const p = mean(counts.filter(([tp, fp]) => tp + fp > 0).map(precision));
  const r = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map(recall));
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r) };
}

/** 1.96 × the standard deviation of F1 over bootstrap resamples of the pages, as evaluate.py reports. */
function f1Interval(counts: Counts[], rounds = 1000): number {
  const values: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const sample = counts.map(() => counts[Math.floor(Math.random() * counts.length)] ?? [0, 0, 0]);
    values.push(score(sample as Counts[]).f1);
  }
  const m = mean(values);
  return 1.96 * Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

function line(name: string, counts: Counts[]): string {
  const s = score(counts);
  return `${name.padEnd(36)} precision=${s.precision.toFixed(3)}  recall=${s.recall.toFixed(3)}  F1=${s.f1.toFixed(3)} ± ${f1Interval(counts).toFixed(3)}`;
}

function readJson(file: string): Bodies {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Bodies & { output?: Bodies };
  // Some reference outputs nest the pages under "output" beside a "version".
  return typeof parsed.output === 'object' && !('articleBody' in parsed.output) ? parsed.output : parsed;
}

/** Each composed page as bytes in the charset its <meta> names, extracted, against its LANG.txt. */
function multilingual(dir: string, name: string): void {
  const langs = readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.slice(0, -'.html'.length))
    .sort();
  const words: Tokens = (text) => tokenize(text).words;
  const counts = langs.map((lang) => {
    const html = readFileSync(path.join(dir, `${lang}.html`), 'utf8');
    const charset = html.match(/charset=["']?([\w-]+)/i)?.[1] ?? 'utf-8';
    const text = extractArticle(decodeHtml(iconv.encode(html, charset))).text;
    const expected = readFileSync(path.join(dir, `${lang}.txt`), 'utf8');
    const pageCounts = shingleCounts(expected, text, words);
    console.log(
      `  ${lang} (${charset})`.padEnd(24) +
        `P=${precision(pageCounts).toFixed(2)} R=${recall(pageCounts).toFixed(2)}`,
    );
    return pageCounts;
  });
  console.log(line(`${name} (${langs.length})`, counts));
}

function multilingualSets(): void {
  multilingual(multilingualDir, 'multilingual, development pages');
  multilingual(path.join(multilingualDir, 'held-out'), 'multilingual, held-out pages');
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (!existsSync(corpus)) {
    console.log(`eval:extract: Scrapinghub benchmark skipped, ${corpus} is absent`);
    multilingualSets();
    return 0;
  }
  const worstIndex = argv.indexOf('--worst');
  const worst = worstIndex >= 0 ? Number(argv[worstIndex + 1] ?? '10') : 0;
  const truth = readJson(path.join(corpus, 'ground-truth.json'));
  const ids = readdirSync(path.join(corpus, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => name.slice(0, -'.html.gz'.length))
    .filter((id) => id in truth)
    .sort();
  const pages = ids.map((id) =>
    gunzipSync(readFileSync(path.join(corpus, 'html', `${id}.html.gz`))).toString('utf8'),
  );
  const started = process.hrtime.bigint();
  const ours = pages.map((html) => extractArticle(html).text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const expected = ids.map((id) => truth[id]?.articleBody ?? '');
  const ourCounts = ids.map((_, i) => shingleCounts(expected[i] ?? '', ours[i] ?? ''));
  const reference = readJson(path.join(corpus, 'output', 'readability_js.json'));
  const refCounts = ids.map((id, i) => shingleCounts(expected[i] ?? '', reference[id]?.articleBody ?? ''));

  console.log(
    `${ids.length} pages, extracted in ${seconds.toFixed(2)} s (${(ids.length / seconds).toFixed(1)} pages/s, one core)`,
  );
  console.log(line('newswatch extractArticle', ourCounts));
  if (argv.includes('--baseline')) {
    const plain = pages.map((html) => new Readability(parseDocument(html)).parse()?.textContent ?? '');
    console.log(
      line(
        'Readability on linkedom, no cleanup',
        ids.map((_, i) => shingleCounts(expected[i] ?? '', plain[i] ?? '')),
      ),
    );
  }
  console.log(line('readability_js.json (our metric)', refCounts));
  console.log(`${'Readability.js, published'.padEnd(36)} F1=${READABILITY_JS_PUBLISHED_F1.toFixed(3)}`);
  if (worst > 0) {
    const ranked = ids
      .map((id, i) => ({ id, counts: ourCounts[i] ?? [0, 0, 0] }))
      .sort((a, b) => pageF1(a.counts) - pageF1(b.counts) || a.id.localeCompare(b.id));
    for (const { id, counts } of ranked.slice(0, worst)) {
      console.log(`  ${id.slice(0, 16)}  P=${precision(counts).toFixed(2)} R=${recall(counts).toFixed(2)}`);
    }
  }
  multilingualSets();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}

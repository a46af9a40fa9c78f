/**
 * Sanity check of topic matching on real headlines: one broad query per category of the UCI News
 * Aggregator subset (b business, t science and technology, e entertainment, m health), scored
 * against the CATEGORY column. The queries were written from general knowledge of each beat, not
 * tuned on the data; there is no target.
 *
 *   npx tsx eval/tag.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileTopics, type TopicSpec } from '../lambdas/core/topics/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csvPath = path.resolve(
  repoRoot,
  '../shared/corpora/uci-news-aggregator-subset/uci-news-aggregator.csv',
);

const CATEGORY_TOPICS: (TopicSpec & { category: string })[] = [
  {
    category: 'b',
    name: 'business',
    query:
      'stock* OR shares OR market* OR economy OR economic OR "central bank" OR bank OR banks OR dollar OR euro ' +
      'OR oil OR gold OR inflation OR GDP OR profit OR earnings OR revenue OR investor* OR bond OR bonds ' +
      'OR Dow OR Nasdaq OR "S&P" OR IPO OR merger OR acquisition OR CEO OR Fed OR ECB OR sales OR retail',
  },
  {
    category: 't',
    name: 'science and technology',
    query:
      'Apple OR Google OR Microsoft OR Facebook OR Twitter OR Amazon OR Samsung OR iPhone OR Android ' +
      'OR smartphone OR software OR app OR tech OR technology OR internet OR online OR computer OR NASA ' +
      'OR space OR science OR scientists OR climate OR cyber* OR hacker* OR Bitcoin OR Windows OR Xbox OR PlayStation',
  },
  {
    category: 'e',
    name: 'entertainment',
    query:
      'film OR movie OR music OR album OR song OR singer OR actor OR actress OR celebrity OR TV OR Hollywood ' +
      'OR Oscar OR Oscars OR Grammy OR concert OR "box office" OR premiere OR trailer OR episode OR season ' +
      'OR star OR wedding OR divorce',
  },
  {
    category: 'm',
    name: 'health',
    query:
      'health OR medical OR doctor OR hospital OR disease OR cancer OR virus OR vaccine OR drug OR FDA ' +
      'OR patient OR HIV OR diabetes OR obesity OR heart OR flu OR infection OR surgery OR "clinical trial"',
  },
];

interface Row {
  title: string;
  category: string;
}

/** One CSV record; quoted fields may hold commas and doubled quotes. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = line.indexOf('"', j);
        if (close < 0) throw new Error(`unterminated quoted field in: ${line.slice(0, 80)}`);
        value += line.slice(j, close);
        if (line[close + 1] !== '"') {
          i = close + 2;
          break;
        }
        value += '"';
        j = close + 2;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

function readRows(): Row[] {
  // Header first; the last row is cut mid-line in this subset and is dropped.
  const lines = readFileSync(csvPath, 'utf8').split('\n').slice(1, -1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, title = '', , , category = ''] = parseCsvLine(line);
      return { title, category };
    });
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export async function main(): Promise<number> {
  if (!existsSync(csvPath)) {
    console.log(`eval:tag skipped: ${csvPath} is absent`);
    return 0;
  }
  const rows = readRows();
  const matcher = compileTopics({ topics: CATEGORY_TOPICS.map(({ name, query }) => ({ name, query })) });
  const tagged = rows.map(
    (row) => new Set(matcher.match({ title: row.title, text: '' }).map((h) => h.topic)),
  );
  console.log(`${rows.length} UCI headlines (title only), one query per category`);
  for (const { category, name } of CATEGORY_TOPICS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    rows.forEach((row, i) => {
      const predicted = tagged[i]?.has(name) ?? false;
      const actual = row.category === category;
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    });
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      `${category} ${name.padEnd(24)} items=${String(tp + fn).padStart(4)}  tagged=${String(tp + fp).padStart(4)}  ` +
        `precision=${fmt(precision)}  recall=${fmt(recall)}  F1=${fmt(f1)}`,
    );
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}

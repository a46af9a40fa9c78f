/**
 * What one search costs, through the real adapters: N items of the load bench's corpus
 * (load/corpus.ts: ~800-word bodies, half of them the two copies of a wire story; past its 2,000
 * items it repeats, each round as new stories) stored as the
 * stage stores them (story and item records in the table, texts gzipped in the archive), first
 * seen over the last 29 days, then one search over the default range (30 days) for a phrase the
 * corpus never uses: the worst case, where nothing stops the search before its budget. A metering
 * proxy (lib/aws-meter.ts) in front of dynalite and the S3 stand-in counts each request and the
 * read units dynalite reports. Also: the distinct words per item, which is what an inverted term
 * index would have to write per item (one posting each). Printed, never asserted.
 *
 *   npx tsx bench/search.ts [--items 2000,10000] [--json]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../lambdas/adapters/dynamodb/client.ts';
import { createDynamoStore } from '../lambdas/adapters/dynamodb/store/index.ts';
import { createS3Archive } from '../lambdas/adapters/s3/archive.ts';
import { createS3ArchiveReader } from '../lambdas/adapters/s3/archive-reader.ts';
import { createS3Client } from '../lambdas/adapters/s3/client.ts';
import type { Article, StoredItem } from '../lambdas/core/model.ts';
import { MAX_COPIES_READ, searchSince, searchStories } from '../lambdas/core/query/search.ts';
import { scan } from '../lambdas/core/text/tokenize.ts';
import { provision, startStandIns } from '../lambdas/local/standins.ts';
import { recordsBuilder } from '../test/support/records.ts';
import { startMeter } from './lib/aws-meter.ts';
import { makeCorpus } from './load/corpus.ts';

const TABLE = 'bench-search';
const BUCKET = 'bench-search';
const DAY_MS = 86_400_000;
const SPREAD_DAYS = 29;
/** Two words the corpus's vocabularies never put together. */
const QUERY = '"quartz umbrella"';
const WRITE_CHUNK = 500;

export interface SearchFigures {
  storedItems: number;
  stories: number;
  /** Copies the search read: all of them, or the budget's worth. */
  copiesRead: number;
  complete: boolean;
  dynamoRequests: number;
  /** Of which: Query requests (one per day in range, one per story, plus pages). */
  dynamoQueries: number;
  /** As dynalite reports them (eventually consistent reads of the GSI). */
  readUnits: number | null;
  s3Gets: number;
  /** On this machine, against loopback stand-ins: not a figure for AWS. */
  wallMs: number;
}

/** The corpus runs out of fresh names past a few thousand items: larger sets repeat it, as new stories. */
const CORPUS_ITEMS = 2_000;

function articles(count: number): { storyId: string; article: Article }[] {
  const perFeed = Math.ceil(Math.min(count, CORPUS_ITEMS) / 4);
  const corpus = makeCorpus({
    feeds: 4,
    itemsPerFeed: perFeed,
    wireStories: perFeed,
    outletsPerWire: 2,
    seed: 23,
  });
  const copies = Array.from({ length: count }, (_, i) => {
    const item = corpus.items[i % corpus.items.length] as (typeof corpus.items)[number];
    return { item, storyId: `${item.story}#${Math.floor(i / corpus.items.length)}` };
  });
  const stories = [...new Set(copies.map((c) => c.storyId))];
  const order = new Map(stories.map((s, i) => [s, i]));
  const now = Date.now();
  return copies.map(({ item, storyId }, i) => {
    // A story's copies are first seen minutes apart; stories spread evenly over the range.
    const storyAt = now - ((order.get(storyId) ?? 0) / stories.length) * SPREAD_DAYS * DAY_MS;
    return {
      storyId,
      article: {
        id: `item-${i}`,
        feedId: `feed-${item.feedIndex}`,
        title: item.title,
        text: item.paragraphs.join('\n\n'),
        categories: [],
        published: item.published,
        firstSeen: new Date(storyAt - (i % 7) * 60_000).toISOString(),
        outlet: `Outlet ${item.feedIndex}`,
        contentHash: `h-${i}`,
      },
    };
  });
}

/** Distinct words per item, as the query language's tokenizer reads them. */
function distinctWords(text: string): number {
  const words = new Set<string>();
  scan(text, {
    plain: (lower, start, end) => words.add(lower.slice(start, end)),
    word: (word) => words.add(word),
  });
  return words.size;
}

async function inChunks<T>(list: readonly T[], size: number, each: (chunk: T[]) => Promise<void>) {
  for (let i = 0; i < list.length; i += size) await each(list.slice(i, i + size));
}

export async function measureSearch(count: number): Promise<SearchFigures & { wordsPerItem: number }> {
  const standIns = await startStandIns();
  const dynamo = await startMeter({ target: standIns.endpoints.dynamodb, kind: 'dynamodb' });
  const s3meter = await startMeter({ target: standIns.endpoints.s3, kind: 's3' });
  try {
    await provision(standIns.endpoints, TABLE, BUCKET);
    const endpoints = { dynamodb: dynamo.endpoint, s3: s3meter.endpoint };
    const store = createDynamoStore(createDocumentClient({ endpoints }), TABLE);
    const s3 = createS3Client({ endpoints });
    const archive = createS3Archive(s3, BUCKET);
    const stored = articles(count);
    const builder = recordsBuilder();
    for (const { storyId, article } of stored) builder.add(storyId, article);
    const records = builder.records();
    const texts = new Map(stored.map(({ article }) => [article.id, article.text]));
    const items: StoredItem[] = [];
    await inChunks(records.items, 32, async (chunk) => {
      const keyed = await Promise.all(
        chunk.map(async (item) => ({
          ...item,
          textKey: await archive.put(
            'text',
            new TextEncoder().encode(texts.get(item.id) ?? ''),
            'text/plain',
          ),
        })),
      );
      items.push(...keyed);
    });
    await inChunks(items, WRITE_CHUNK, (chunk) =>
      store.putStageRecords({ items: chunk, stories: [], matches: [] }),
    );
    await inChunks(records.stories, WRITE_CHUNK, (chunk) =>
      store.putStageRecords({ items: [], stories: chunk, matches: [] }),
    );

    dynamo.reset();
    s3meter.reset();
    const started = performance.now();
    const result = await searchStories({ store, archive: createS3ArchiveReader(s3, BUCKET) }, QUERY, {
      since: searchSince(undefined, new Date()),
    });
    const wallMs = Math.round(performance.now() - started);
    if (result.stories.length > 0)
      throw new Error(`${QUERY} matched the corpus: pick a phrase it never uses`);
    const d = dynamo.snapshot();
    const s = s3meter.snapshot();
    const words = stored.reduce(
      (sum, { article }) => sum + distinctWords(`${article.title}\n${article.text}`),
      0,
    );
    return {
      storedItems: count,
      stories: records.stories.length,
      copiesRead: result.read,
      complete: result.complete,
      dynamoRequests: d.requests,
      dynamoQueries: d.byOp.Query ?? 0,
      readUnits: d.readUnits,
      s3Gets: s.byOp.GET ?? 0,
      wallMs,
      wordsPerItem: Math.round(words / count),
    };
  } finally {
    await Promise.all([dynamo.stop(), s3meter.stop()]);
    await standIns.stop();
  }
}

function line(f: SearchFigures): string {
  const units = f.readUnits === null ? 'n/a' : f.readUnits.toFixed(0);
  return [
    `${f.storedItems.toLocaleString('en')} items (${f.stories.toLocaleString('en')} stories)`,
    `read ${f.copiesRead.toLocaleString('en')} copies${f.complete ? '' : ' (budget reached)'}`,
    `${f.dynamoRequests} DynamoDB requests (${f.dynamoQueries} Query), ${units} RCU`,
    `${f.s3Gets} S3 GET`,
    `${f.wallMs} ms locally`,
  ].join(' · ');
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { items: { type: 'string', default: '2000,10000' }, json: { type: 'boolean' } },
  });
  const sizes = (values.items ?? '').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 4)) {
    console.error('--items: a comma-separated list of integers of at least 4');
    return 2;
  }
  const figures = [];
  for (const n of sizes) figures.push(await measureSearch(n));
  if (values.json) {
    console.log(JSON.stringify(figures));
    return 0;
  }
  console.log(
    `search for ${QUERY} (matches nothing: the search reads until its budget of ${MAX_COPIES_READ} copies)`,
  );
  for (const f of figures) console.log(`  ${line(f)}`);
  // Past the budget a search reads the same, whatever is stored: the newest 5,000 copies.
  const full = figures.find((f) => f.complete && f.copiesRead > 0);
  if (full) {
    const perCopy = (n: number) => (n / full.copiesRead).toFixed(2);
    console.log(
      `  per copy read, from the ${full.storedItems.toLocaleString('en')}-item run: ${perCopy(full.dynamoRequests)} DynamoDB requests, ${full.readUnits === null ? 'n/a' : perCopy(full.readUnits)} RCU, ${perCopy(full.s3Gets)} S3 GET`,
    );
  }
  const words = figures[0]?.wordsPerItem ?? 0;
  console.log(
    `  an inverted term index instead: ${words} distinct words per item (this corpus), so about ${words} postings written per item, at 1 WCU or more each`,
  );
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();

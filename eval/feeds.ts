/**
 * Feed parsing over the external suites in ../shared/corpora: crashes (anything but a clean
 * FeedParseError), the share of inputs parsed per suite, and per-field agreement (title, link, id,
 * published, author, content) with gofeed's and feed-rs's expected outputs (and rss-parser's own,
 * for its real feeds). Both sides of a text comparison go through the same htmlToText, so a title
 * kept as HTML by one parser and as text by the other still agrees when the reader sees the same words.
 *
 *   npx tsx eval/feeds.ts [--examples N]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import {
  FeedParseError,
  htmlToText,
  normaliseItem,
  parseFeed,
  type RawFeedItem,
} from '../lambdas/core/feeds/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpora = path.resolve(repoRoot, '../shared/corpora');
const FIELDS = ['title', 'link', 'id', 'published', 'author', 'content'] as const;
type Field = (typeof FIELDS)[number];
/** What a reference parser says an item holds, in our field names; absent = it says nothing. */
type Expected = Partial<Record<Field, string>>;
type Json = Record<string, unknown>;

interface Input {
  file: string;
  contentType?: string;
  expected?: Expected[];
}

interface Suite {
  name: string;
  inputs: () => Input[];
  /** Files whose label says they are ill-formed, so failing them is right. */
  illFormed?: (file: string) => boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, key: string): unknown => (isObj(v) ? v[key] : undefined);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function clean(expected: Expected): Expected {
  return Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) as Expected;
}

// ---- gofeed: parser/rss, parser/atom, parser/json and translator (universal) models ----

function atomLink(links: unknown): string | undefined {
  const all = arr(links).filter(isObj);
  const alt = all.find((l) => (str(l.rel) ?? 'alternate') === 'alternate' && str(l.href));
  return str(alt?.href);
}

function authorName(a: unknown): string | undefined {
  if (typeof a === 'string') return str(a);
  return str(at(a, 'name'));
}

function gofeedItem(item: Json): Expected {
  const content = item.content;
  return clean({
    title: str(item.title),
    link: str(item.link) ?? str(item.url) ?? atomLink(item.links),
    id: str(item.guid) ?? str(at(item.guid, 'value')) ?? str(item.id),
    published: str(item.publishedParsed) ?? str(item.pubDateParsed) ?? str(item.date_published),
    author: authorName(item.author) ?? authorName(arr(item.authors)[0]),
    content:
      typeof content === 'string' ? str(content) : (str(at(content, 'value')) ?? str(item.content_html)),
  });
}

function gofeedInputs(): Input[] {
  const dir = path.join(corpora, 'gofeed-testdata');
  const files = walk(dir).filter((f) => !/(SOURCE\.txt|LICENSE)$/.test(f));
  const expectedFor = (f: string): string | undefined => {
    const stem = f.replace(/\.[^.]+$/, '');
    return [`${stem}.json`, `${stem}_expected.json`].find((e) => e !== f && existsSync(e));
  };
  const isExpectation = (f: string) =>
    f.endsWith('_expected.json') || (f.endsWith('.json') && existsSync(f.replace(/\.json$/, '.xml')));
  return files
    .filter((f) => !isExpectation(f))
    .map((file) => {
      const exp = expectedFor(file);
      if (!exp) return { file };
      const doc = readJson(exp);
      const items = arr(at(doc, 'items') ?? at(doc, 'entries')).filter(isObj);
      return { file, expected: items.map(gofeedItem) };
    });
}

// ---- feed-rs: one unified model ----

function feedRsItem(entry: Json): Expected {
  const links = arr(entry.links).filter(isObj);
  const link = links.find((l) => (str(l.rel) ?? 'alternate') === 'alternate') ?? links[0];
  return clean({
    title: str(at(entry.title, 'content')),
    link: str(link?.href),
    id: str(entry.id),
    published: str(entry.published),
    author: authorName(arr(entry.authors)[0]),
    content: str(at(entry.content, 'body')),
  });
}

function feedRsInputs(): Input[] {
  const dir = path.join(corpora, 'feed-rs-fixtures');
  return walk(dir)
    .filter((f) => !/(\.serde\.json|SOURCE\.txt|LICENSE-MIT)$/.test(f))
    .map((file) => {
      const exp = file.replace(/\.[^.]+$/, '.serde.json');
      if (!existsSync(exp)) return { file };
      return {
        file,
        expected: arr(at(readJson(exp), 'entries'))
          .filter(isObj)
          .map(feedRsItem),
      };
    });
}

// ---- rss-parser's own expected outputs for its real feeds ----

function rssParserItem(item: Json): Expected {
  return clean({
    title: str(item.title),
    link: str(item.link),
    id: str(item.guid) ?? str(item.id),
    published: str(item.isoDate),
    author: str(item.creator) ?? str(item.author),
    content: str(item['content:encoded']),
  });
}

function rssParserInputs(): Input[] {
  const dir = path.join(corpora, 'rss-parser-tests');
  return walk(path.join(dir, 'input')).map((file) => {
    const exp = path.join(dir, 'output', `${path.basename(file).replace(/\.[^.]+$/, '')}.json`);
    if (!existsSync(exp)) return { file };
    const items = arr(at(at(readJson(exp), 'feed'), 'items')).filter(isObj);
    return { file, expected: items.map(rssParserItem) };
  });
}

// ---- label-only suites ----

/** feedparser's encoding cases carry the HTTP Content-Type they were served with in a comment. */
function feedparserHeader(file: string): string | undefined {
  const head = readFileSync(file).subarray(0, 1024).toString('latin1');
  return /Header:\s*Content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
}

function feedparserInputs(): Input[] {
  return walk(path.join(corpora, 'feedparser-tests'))
    .filter((f) => /\.(xml|json)$/.test(f))
    .map((file) => ({ file, contentType: feedparserHeader(file) }));
}

function feedparserIllFormed(file: string): boolean {
  const head = readFileSync(file).subarray(0, 1024).toString('latin1');
  const expect = /Expect:\s*([^\r\n]*)/.exec(head)?.[1] ?? '';
  return /(^|\s)bozo\b/.test(expect) && !/not bozo/.test(expect);
}

function w3cInputs(): Input[] {
  return walk(path.join(corpora, 'w3c-feedvalidator-testcases'))
    .filter((f) => !/(\.htaccess|SOURCE\.txt|LICENSE)$/.test(f))
    .map((file) => ({ file }));
}

const SUITES: Suite[] = [
  { name: 'feedparser-tests', inputs: feedparserInputs, illFormed: feedparserIllFormed },
  { name: 'gofeed-testdata', inputs: gofeedInputs },
  { name: 'feed-rs-fixtures', inputs: feedRsInputs },
  { name: 'rss-parser-tests', inputs: rssParserInputs },
  { name: 'w3c-feedvalidator-testcases', inputs: w3cInputs },
];

// ---- comparison ----

const text = (s: string | undefined): string =>
  s === undefined ? '' : htmlToText(s).replace(/\s+/g, ' ').trim();

function linkKey(s: string | undefined, base: string): string {
  if (s === undefined) return '';
  try {
    return new URL(s.trim(), base).href;
  } catch {
    return s.trim();
  }
}

function ours(item: RawFeedItem | undefined, field: Field): string | undefined {
  if (!item) return undefined;
  const map: Record<Field, string | undefined> = {
    title: item.title,
    link: item.link,
    id: item.guid,
    published: item.published ?? item.updated,
    author: item.author,
    content: item.contentHtml,
  };
  return map[field];
}

function agrees(field: Field, expected: string, got: string | undefined, base: string): boolean {
  if (field === 'published') return got !== undefined && Date.parse(expected) === Date.parse(got);
  if (field === 'link') return linkKey(expected, base) === linkKey(got, base);
  if (field === 'id') return expected.trim() === (got ?? '').trim();
  return text(expected) === text(got);
}

/**
 * feed-rs invents an id (an md5 or a UUID) for items without a guid/id, where we use rdf:about or
 * nothing; those ids say nothing about our GUIDs and are left out.
 */
function isSynthesisedId(suite: string, field: Field, expected: string): boolean {
  return (
    suite === 'feed-rs-fixtures' &&
    field === 'id' &&
    /^[0-9a-f]{31,32}$|^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(expected)
  );
}

interface Tally {
  files: number;
  parsed: number;
  illFormed: number;
  illFormedParsed: number;
  crashes: string[];
  errors: Record<string, number>;
  items: number;
  baselineParsed: number;
  skippedIds: number;
  fields: Record<Field, { compared: number; agreed: number; examples: string[] }>;
}

function newTally(): Tally {
  const fields = Object.fromEntries(
    FIELDS.map((f) => [f, { compared: 0, agreed: 0, examples: [] as string[] }]),
  ) as Tally['fields'];
  return {
    files: 0,
    parsed: 0,
    illFormed: 0,
    illFormedParsed: 0,
    crashes: [],
    errors: {},
    items: 0,
    baselineParsed: 0,
    skippedIds: 0,
    fields,
  };
}

function compare(
  tally: Tally,
  suite: string,
  input: Input,
  items: RawFeedItem[],
  base: string,
  keep: number,
): void {
  for (const [i, expected] of (input.expected ?? []).entries()) {
    for (const field of FIELDS) {
      const want = expected[field];
      if (want === undefined) continue;
      const got = ours(items[i], field);
      if (isSynthesisedId(suite, field, want)) {
        tally.skippedIds++;
        continue;
      }
      const slot = tally.fields[field];
      slot.compared++;
      if (agrees(field, want, got, base)) slot.agreed++;
      else if (slot.examples.length < keep) {
        const rel = path.relative(corpora, input.file);
        slot.examples.push(
          `${rel}#${i}: want ${JSON.stringify(want.slice(0, 80))} got ${JSON.stringify(got?.slice(0, 80))}`,
        );
      }
    }
  }
}

const baseline = new Parser();

async function baselineParses(body: Buffer): Promise<boolean> {
  try {
    await baseline.parseString(body.toString('utf8'));
    return true;
  } catch {
    // rss-parser rejects what it cannot read; the count of rejections is the baseline figure.
    return false;
  }
}

async function runInput(tally: Tally, suite: Suite, input: Input, keep: number): Promise<void> {
  const body = readFileSync(input.file);
  const url = `https://eval.invalid/${suite.name}/${path.relative(path.join(corpora, suite.name), input.file)}`;
  const illFormed = suite.illFormed?.(input.file) ?? false;
  tally.files++;
  if (illFormed) tally.illFormed++;
  if (await baselineParses(body)) tally.baselineParsed++;
  let items: RawFeedItem[] = [];
  try {
    const feed = await parseFeed(body, { url, contentType: input.contentType });
    const now = new Date();
    for (const raw of feed.items)
      normaliseItem(raw, { feed: { id: 'eval', url }, feedUrl: url, feedTitle: feed.title, now });
    items = feed.items;
    tally.parsed++;
    if (illFormed) tally.illFormedParsed++;
    tally.items += items.length;
  } catch (err) {
    if (!(err instanceof FeedParseError)) {
      tally.crashes.push(`${path.relative(corpora, input.file)}: ${(err as Error).stack ?? String(err)}`);
    } else {
      tally.errors[err.kind] = (tally.errors[err.kind] ?? 0) + 1;
    }
  }
  compare(tally, suite.name, input, items, url, keep);
}

const pct = (n: number, d: number): string =>
  d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;

function report(name: string, t: Tally, seconds: number): void {
  const errors = Object.entries(t.errors)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `\n${name}: ${t.files} inputs, parsed ${t.parsed} (${pct(t.parsed, t.files).trim()}), crashes ${t.crashes.length}, ` +
      `${t.items} items, ${seconds.toFixed(2)} s; rss-parser 3.13.0 parsed ${t.baselineParsed} (${pct(t.baselineParsed, t.files).trim()})`,
  );
  if (errors) console.log(`  clean errors: ${errors}`);
  if (t.illFormed > 0) {
    const wellFormed = t.files - t.illFormed;
    const wellParsed = t.parsed - t.illFormedParsed;
    console.log(
      `  labelled well-formed: parsed ${wellParsed}/${wellFormed} (${pct(wellParsed, wellFormed).trim()}); ` +
        `labelled ill-formed (bozo): recovered ${t.illFormedParsed}/${t.illFormed}, clean error for the rest`,
    );
  }
  for (const crash of t.crashes.slice(0, 5))
    console.log(`  CRASH ${crash.split('\n').slice(0, 3).join(' | ')}`);
  const compared = FIELDS.filter((f) => t.fields[f].compared > 0);
  if (compared.length === 0) return;
  const skipped = t.skippedIds > 0 ? ` (${t.skippedIds} reference-synthesised ids left out)` : '';
  console.log(`  field agreement with the reference parser${skipped}:`);
  for (const f of compared) {
    const slot = t.fields[f];
    console.log(`    ${f.padEnd(10)} ${pct(slot.agreed, slot.compared)}  (${slot.agreed}/${slot.compared})`);
    for (const ex of slot.examples) console.log(`      ≠ ${ex}`);
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (!existsSync(corpora)) {
    console.log(`eval:feeds skipped: ${corpora} not found (the external corpora live beside the repo)`);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { examples: { type: 'string' } } });
  const keep = Number(values.examples ?? 0);
  let crashes = 0;
  for (const suite of SUITES) {
    if (!existsSync(path.join(corpora, suite.name))) {
      console.log(`\n${suite.name}: skipped (not in ${corpora})`);
      continue;
    }
    const tally = newTally();
    const started = process.hrtime.bigint();
    for (const input of suite.inputs()) await runInput(tally, suite, input, keep);
    report(suite.name, tally, Number(process.hrtime.bigint() - started) / 1e9);
    crashes += tally.crashes.length;
  }
  console.log(`\ntotal crashes: ${crashes}`);
  return crashes === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}

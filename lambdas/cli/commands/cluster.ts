/**
 * `newswatch cluster --in ARTICLES.jsonl [--out FILE]`: one `{"id","storyId"}` line per input line,
 * in input order, from the same engine the pipeline runs, over an in-memory index. A line's `html`
 * gives what the line leaves out: its text, and its published time as the page declares it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ClusterInput, createStoryEngine } from '../../core/clustering/index.ts';
import type { ExtractedArticle } from '../../core/extract/index.ts';
import { detectLanguage } from '../../core/text/language.ts';
import { parseCommandLine, requireFlag } from '../args.ts';
import { type Command, InputError } from '../io.ts';

const USAGE = 'newswatch cluster --in ARTICLES.jsonl [--out FILE]';
const CLUSTER_LINE = {
  usage: USAGE,
  summary: 'One {"id","storyId"} line per article, in input order, from the engine the pipeline runs.',
  flags: {
    in: {
      type: 'string',
      value: 'ARTICLES.jsonl',
      help: 'articles, one JSON object a line: id, title, text or html',
    },
    out: { type: 'string', value: 'FILE', help: 'write there instead of to stdout' },
  },
} as const;

export const clusterCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, CLUSTER_LINE);
  const inPath = path.resolve(io.cwd, requireFlag(values.in, 'in', USAGE));
  const text = await readInput(inPath);
  // Undated items all take the run's time, so they compare as simultaneous.
  const seenAt = new Date().toISOString();
  const lines = text
    .split(/\r?\n/)
    .flatMap((line, i) => (line.trim() === '' ? [] : [parseLine(line, i + 1)]));
  const extract = lines.some(needsPage) ? await loadExtractor() : undefined;
  const inputs = lines.map((line) => toInput(line, seenAt, extract));
  const engine = createStoryEngine();
  const assigned = inputs.map((input) => engine.assign(input).storyId);
  // A story merged after some of its items were assigned: they are reported where they ended.
  const out = inputs.map((input, i) => {
    const storyId = engine.index.current(assigned[i] ?? '');
    return `${JSON.stringify({ id: input.id, storyId })}\n`;
  });
  if (values.out) await writeFile(path.resolve(io.cwd, values.out), out.join(''));
  else for (const line of out) io.stdout(line);
  return 0;
};

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** An input line's fields as given, before any page is read. */
interface ArticleLine {
  lineNumber: number;
  id: string;
  title?: string;
  text?: string;
  html?: string;
  url?: string;
  guid?: string;
  source?: string;
  /** Declared language: detection from the text takes it as its prior. */
  lang?: string;
  published?: string;
}

type Extractor = (html: string, url?: string) => ExtractedArticle;

/** Without a date, the page's own is better than the run's time, which makes all undated items simultaneous. */
function needsPage(line: ArticleLine): line is ArticleLine & { html: string } {
  return line.html !== undefined && (line.text === undefined || line.published === undefined);
}

/** Loaded on demand: text-only input should not pay for loading a DOM and Readability. */
async function loadExtractor(): Promise<Extractor> {
  return (await import('../../core/extract/index.ts')).extractArticle;
}

function parseLine(line: string, lineNumber: number): ArticleLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new InputError(`line ${lineNumber}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(`line ${lineNumber}: expected a JSON object`);
  const record = value as Record<string, unknown>;
  const field = (name: string, required = false): string | undefined => {
    const v = record[name];
    if (v === undefined || v === null) {
      if (required) throw new InputError(`line ${lineNumber}: "${name}" is required`);
      return undefined;
    }
    if (typeof v !== 'string') throw new InputError(`line ${lineNumber}: "${name}" must be a string`);
    return v;
  };
  const id = field('id', true) ?? '';
  const published = field('published');
  if (published !== undefined && Number.isNaN(Date.parse(published)))
    throw new InputError(`line ${lineNumber}: "published" is not a date: ${published}`);
  return {
    lineNumber,
    id,
    title: field('title'),
    text: field('text'),
    html: field('html'),
    url: field('url'),
    guid: field('guid'),
    source: field('source'),
    lang: field('lang'),
    published,
  };
}

function toInput(line: ArticleLine, seenAt: string, extract: Extractor | undefined): ClusterInput {
  const page = needsPage(line) ? extract?.(line.html, line.url) : undefined;
  const title = line.title ?? page?.title ?? '';
  const text = line.text ?? page?.text ?? '';
  if (title === '' && text === '')
    throw new InputError(`line ${line.lineNumber}: needs "title", "text" or "html"`);
  const { id, url, guid, source } = line;
  const published = line.published ?? page?.published;
  const lang = detectLanguage(`${title}\n${text}`, line.lang ?? page?.lang);
  return { id, title, text, url, guid, source, published, seenAt, lang };
}

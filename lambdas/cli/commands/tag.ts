/**
 * `newswatch tag --topics FILE --in ITEMS.jsonl [--explain]`: one `{"id","topics"}` line per item, in
 * input order; `--explain` adds each hit's terms, fields and snippet.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { detectLanguage } from '../../core/text/language.ts';
import type { MatchDocument, TopicMatcher } from '../../core/topics/index.ts';
import { parseCommandLine, requireFlag } from '../args.ts';
import { type Command, InputError } from '../io.ts';
import { loadMatcher } from './topics.ts';

const USAGE = 'newswatch tag --topics FILE --in ITEMS.jsonl [--explain]';
const TAG_LINE = {
  usage: USAGE,
  summary: 'One {"id","topics"} line per item of ITEMS.jsonl, in input order.',
  flags: {
    topics: { type: 'string', value: 'FILE', help: 'the topics (a configuration or a topics file)' },
    in: {
      type: 'string',
      value: 'ITEMS.jsonl',
      help: 'items, one JSON object a line: id, title, text or html',
    },
    explain: { type: 'boolean', help: "add each hit's terms, fields and snippet" },
  },
} as const;

const itemSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  text: z.string().optional(),
  html: z.string().optional(),
  url: z.string().optional(),
  source: z.string().optional(),
  /** Declared language: detection from the text takes it as its prior. */
  lang: z.string().optional(),
});
type Item = z.infer<typeof itemSchema>;

export const tagCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, TAG_LINE);
  const matcher = loadMatcher(resolve(io.cwd, requireFlag(values.topics, 'topics', USAGE)));
  const itemsPath = resolve(io.cwd, requireFlag(values.in, 'in', USAGE));
  // Every line is checked before any output, so a bad line never leaves a partial result behind.
  const items = readLines(itemsPath).flatMap((line, index) =>
    line.trim() === '' ? [] : [parseItem(line, index + 1, itemsPath)],
  );
  for (const item of items) {
    io.stdout(`${JSON.stringify(await tagItem(matcher, item, values.explain === true))}\n`);
  }
  return 0;
};

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/);
  } catch (error) {
    throw new InputError(`cannot read ${path}`, { cause: error });
  }
}

function parseItem(line: string, lineNumber: number, path: string): Item {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    throw new InputError(`${path} line ${lineNumber}: not valid JSON`, { cause: error });
  }
  const result = itemSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
    throw new InputError(`${path} line ${lineNumber}: ${issues}`, { cause: result.error });
  }
  return result.data;
}

async function tagItem(matcher: TopicMatcher, item: Item, explain: boolean): Promise<object> {
  const doc: MatchDocument = { title: item.title, text: item.text ?? (await mainText(item.html)) };
  if (item.source !== undefined) doc.source = item.source;
  if (item.url !== undefined) doc.url = item.url;
  const lang = detectLanguage(`${doc.title}\n${doc.text}`, item.lang);
  if (lang !== undefined) doc.lang = lang;
  const hits = matcher.match(doc);
  const topics = hits.map((h) => h.topic);
  return explain ? { id: item.id, topics, hits } : { id: item.id, topics };
}

/** Raw pages are matched on their extracted main text, never on site furniture. */
async function mainText(html: string | undefined): Promise<string> {
  if (html === undefined) return '';
  const { extractArticle } = await import('../../core/extract/index.ts');
  return extractArticle(html).text;
}

/**
 * `newswatch cluster --in ARTICLES.jsonl [--out FILE]`: one `{"id","storyId"}` line per input line,
 * in input order, from the same engine the pipeline runs, over an in-memory index.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ClusterInput, createClusterer, createMemoryClusterIndex } from '../../core/clustering/index.ts';
import { extractArticle } from '../../core/extract/index.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { type Command, InputError } from '../io.ts';

const USAGE = 'newswatch cluster --in ARTICLES.jsonl [--out FILE]';

export const clusterCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { in: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const inPath = path.resolve(io.cwd, requireFlag(values.in, 'in', USAGE));
  const text = await readInput(inPath);
  // Undated items all take the run's time, so they compare as simultaneous.
  const seenAt = new Date().toISOString();
  const inputs = text
    .split(/\r?\n/)
    .flatMap((line, i) => (line.trim() === '' ? [] : [parseLine(line, i + 1, seenAt)]));
  const clusterer = createClusterer(createMemoryClusterIndex());
  const assigned: string[] = [];
  for (const input of inputs) assigned.push((await clusterer.assign(input)).storyId);
  // A story merged after some of its items were assigned: they are reported where they ended.
  const current = await clusterer.resolve([...new Set(assigned)]);
  const lines = inputs.map((input, i) => {
    const storyId = assigned[i] ?? '';
    return `${JSON.stringify({ id: input.id, storyId: current.get(storyId) ?? storyId })}\n`;
  });
  if (values.out) await writeFile(path.resolve(io.cwd, values.out), lines.join(''));
  else for (const line of lines) io.stdout(line);
  return 0;
};

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function parseLine(line: string, lineNumber: number, seenAt: string): ClusterInput {
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
  const url = field('url');
  const published = field('published');
  if (published !== undefined && Number.isNaN(Date.parse(published)))
    throw new InputError(`line ${lineNumber}: "published" is not a date: ${published}`);
  const { title, text } = titleAndText(field('title'), field('text'), field('html'), url);
  if (title === '' && text === '')
    throw new InputError(`line ${lineNumber}: needs "title", "text" or "html"`);
  return { id, title, text, url, guid: field('guid'), source: field('source'), published, seenAt };
}

function titleAndText(
  title: string | undefined,
  text: string | undefined,
  html: string | undefined,
  url: string | undefined,
): { title: string; text: string } {
  if (text !== undefined || html === undefined) return { title: title ?? '', text: text ?? '' };
  const extracted = extractArticle(html, url);
  return { title: title ?? extracted.title ?? '', text: extracted.text };
}

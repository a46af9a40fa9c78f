/**
 * `newswatch extract --in PAGES.jsonl`: reads `{"id","url","html"}` a line and prints
 * `{"id","title","text","byline","published","lang"}` a line (null where the page says nothing).
 * A line that is not such an object stops the run with an InputError naming it.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { extractArticle } from '../../core/extract/index.ts';
import { parseCommandLine, requireFlag } from '../args.ts';
import { type Command, InputError } from '../io.ts';

const USAGE = 'newswatch extract --in PAGES.jsonl';
const EXTRACT_LINE = {
  usage: USAGE,
  summary: 'The main text of each page: one {"id","title","text","byline","published","lang"} line each.',
  flags: { in: { type: 'string', value: 'PAGES.jsonl', help: 'pages, one {"id","url","html"} a line' } },
} as const;

interface Page {
  id: string;
  url?: string;
  html: string;
}

function parsePage(line: string, where: string): Page {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputError(`${where}: not JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where}: expected an object with "id" and "html"`);
  }
  const { id, url, html } = value as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') throw new InputError(`${where}: "id" is missing`);
  if (typeof html !== 'string') throw new InputError(`${where}: "html" must be a string`);
  if (url !== undefined && url !== null && typeof url !== 'string') {
    throw new InputError(`${where}: "url" must be a string`);
  }
  return { id: String(id), html, ...(typeof url === 'string' ? { url } : {}) };
}

export const extractCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, EXTRACT_LINE);
  const file = requireFlag(values.in, 'in', USAGE);
  const input = createReadStream(path.resolve(io.cwd, file), { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const page = parsePage(line, `${file} line ${lineNumber}`);
      const article = extractArticle(page.html, page.url);
      io.stdout(
        `${JSON.stringify({
          id: page.id,
          title: article.title ?? null,
          text: article.text,
          byline: article.byline ?? null,
          published: article.published ?? null,
          lang: article.lang ?? null,
        })}\n`,
      );
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new InputError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return 0;
};

/**
 * `newswatch parse FILE... [--url URL] [--max-items N] [--raw]`: one JSON line per file,
 * `{"file","ok","error"?,"feed","items"}`. A file that cannot be read or parsed gets its own
 * `ok: false` line and the others still run; the exit code is 1 when any file failed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FeedParseError, normaliseItem, type ParsedFeed, parseFeed } from '../../core/feeds/index.ts';
import type { Article } from '../../core/model.ts';
import { parseCommandLine } from '../args.ts';
import { type Command, UsageError } from '../io.ts';

const USAGE = 'newswatch parse FILE... [--url URL] [--max-items N] [--raw]';
const PARSE_LINE = {
  usage: USAGE,
  summary: 'One JSON line per feed file: the feed, its items normalised, or why it failed (exit 1).',
  flags: {
    url: {
      type: 'string',
      value: 'URL',
      help: 'the URL the files were fetched from (resolves relative links)',
    },
    'max-items': { type: 'string', value: 'N', help: 'at most N items a file' },
    raw: { type: 'boolean', help: 'the items as parsed, not normalised' },
  },
  maxArgs: Number.POSITIVE_INFINITY,
} as const;

interface FileResult {
  file: string;
  ok: boolean;
  error?: { kind: string; message: string };
  feed: Omit<ParsedFeed, 'items'> | null;
  items: unknown[];
}

function maxItemsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--max-items must be a positive integer, got "${value}"`);
  return n;
}

function errorOf(err: unknown): { kind: string; message: string } {
  if (err instanceof FeedParseError) return { kind: err.kind, message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string') return { kind: 'unreadable', message: e.message };
  // A bug in the parser must not hide the other files' results; it is reported on this file's line.
  return { kind: 'internal', message: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}` };
}

async function parseOne(
  file: string,
  opts: { cwd: string; url?: string; maxItems?: number; raw: boolean; now: Date },
): Promise<FileResult> {
  const absolute = path.resolve(opts.cwd, file);
  const url = opts.url ?? pathToFileURL(absolute).href;
  try {
    const body = await readFile(absolute);
    const { items, ...feed } = await parseFeed(body, { url, maxItems: opts.maxItems });
    const spec = { id: file, url };
    const out: unknown[] = opts.raw
      ? items
      : items.map(
          (raw): Article =>
            normaliseItem(raw, {
              feed: spec,
              feedTitle: feed.title,
              feedUrl: url,
              feedLanguage: feed.language,
              now: opts.now,
            }),
        );
    return { file, ok: true, feed, items: out };
  } catch (err) {
    return { file, ok: false, error: errorOf(err), feed: null, items: [] };
  }
}

export const parseCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine(argv, PARSE_LINE);
  if (positionals.length === 0) throw new UsageError(`no feed files given (usage: ${USAGE})`);
  const opts = {
    cwd: io.cwd,
    url: values.url,
    maxItems: maxItemsOf(values['max-items']),
    raw: values.raw === true,
    now: new Date(),
  };
  let failed = 0;
  for (const file of positionals) {
    const result = await parseOne(file, opts);
    if (!result.ok) failed++;
    io.stdout(`${JSON.stringify(result)}\n`);
  }
  return failed > 0 ? 1 : 0;
};

/**
 * `newswatch feeds`: the feeds' health (see query.ts), and the subscription list the way reader
 * users bring it: `import FILE.opml` adds an OPML export (Feedly, Inoreader, Miniflux) to the
 * configuration, `export` writes one, `discover URL` finds the feeds a site advertises.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { ConfigError } from '../../core/config/errors.ts';
import { loadConfig, parseConfig } from '../../core/config/load.ts';
import { discoverFeeds, FeedParseError, type OpmlFeed, readOpml, writeOpml } from '../../core/feeds/index.ts';
import { parseFlags } from '../args.ts';
import { type Command, HelpRequest, InputError, UsageError } from '../io.ts';
import { DEFAULT_CONFIG } from './run.ts';

const USAGE =
  'newswatch feeds [import FILE.opml | export | discover URL] [--config FILE] (health: [--json] [--table T --region R])';
const CONFIG_FLAGS = { config: { type: 'string', short: 'c' } } as const;

export const feedsCommand: Command = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest(`usage: ${USAGE}`);
  const [sub, ...rest] = argv;
  if (sub === 'import') return importOpml(rest, io);
  if (sub === 'export') return exportOpml(rest, io);
  if (sub === 'discover') return discover(rest, io);
  return (await import('./query.ts')).feedHealthCommand(argv, io);
};

const importOpml: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, CONFIG_FLAGS, USAGE);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new UsageError(`one OPML file\nusage: ${USAGE}`);
  const configPath = resolve(io.cwd, values.config ?? DEFAULT_CONFIG);
  const outlines = readOpmlFile(resolve(io.cwd, file));
  const text = readFileSync(configPath, 'utf8');
  const { added, text: updated } = addFeeds(text, outlines);
  // The file is written only when it is still a valid configuration.
  parseConfig(updated, configPath);
  if (added > 0) writeFileSync(configPath, updated);
  io.stdout(`${added} feeds added to ${configPath}, ${outlines.length - added} already there\n`);
  return 0;
};

function readOpmlFile(file: string): OpmlFeed[] {
  try {
    return readOpml(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof FeedParseError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError(`${file}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}

/** Appends the feeds the file does not have yet (by URL), keeping its comments and layout. */
function addFeeds(text: string, outlines: OpmlFeed[]): { added: number; text: string } {
  const doc = parseDocument(text);
  const feeds = doc.get('feeds');
  if (!isSeq(feeds)) throw new ConfigError('the configuration has no feeds: list to add to');
  const existing = feeds.items.filter(isMap);
  const urls = new Set(existing.map((f) => String(f.get('url'))));
  const ids = new Set(existing.map((f) => String(f.get('id'))));
  let added = 0;
  for (const outline of outlines) {
    if (urls.has(outline.url)) continue;
    urls.add(outline.url);
    const id = uniqueId(outline, ids);
    const node = doc.createNode({
      id,
      url: outline.url,
      ...(outline.title ? { outlet: outline.title } : {}),
    });
    node.flow = true;
    feeds.add(node);
    added++;
  }
  return { added, text: doc.toString() };
}

/** A feed id from the outlet's name or the URL's host, made unique with -2, -3… */
function uniqueId(outline: OpmlFeed, taken: Set<string>): string {
  const base =
    slug(outline.title ?? '') ||
    slug(URL.canParse(outline.url) ? new URL(outline.url).hostname : '') ||
    'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  taken.add(id);
  return id;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const exportOpml: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, CONFIG_FLAGS, USAGE);
  if (positionals.length > 0) throw new UsageError(`export takes no arguments\nusage: ${USAGE}`);
  const config = loadConfig(resolve(io.cwd, values.config ?? DEFAULT_CONFIG));
  const entries = config.feeds.map((f) => ({
    url: f.url,
    ...(f.outlet ? { title: f.outlet } : { title: f.id }),
  }));
  io.stdout(writeOpml('newswatch feeds', entries));
  return 0;
};

const discover: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, CONFIG_FLAGS, USAGE);
  const [url] = positionals;
  if (url === undefined || positionals.length > 1 || !URL.canParse(url))
    throw new UsageError(`one page URL\nusage: ${USAGE}`);
  const config = loadConfig(resolve(io.cwd, values.config ?? DEFAULT_CONFIG));
  // Discovery fetches what the user names, so it runs under the same guards as polling.
  const { guardedHttpClient } = await import('../../runtime/container.ts');
  const feeds = await discoverFeeds(url, guardedHttpClient(config.fetch));
  for (const feed of feeds) io.stdout(`${JSON.stringify(feed)}\n`);
  if (feeds.length > 0) return 0;
  io.stderr(`newswatch feeds discover: no feed found at or advertised by ${url}\n`);
  return 1;
};

/**
 * `newswatch feeds import|export|discover`: the subscription list the way reader users bring it.
 * `import FILE.opml` adds an OPML export (Feedly, Inoreader, Miniflux) to the configuration,
 * `export` writes one, `discover URL` finds the feeds a site advertises.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addFeeds } from '../../core/config/add-feeds.ts';
import { loadConfig, parseConfig } from '../../core/config/load.ts';
import { discoverFeeds, FeedParseError, type OpmlFeed, readOpml, writeOpml } from '../../core/feeds/index.ts';
import { loadLocalConfig } from '../../local/local-config.ts';
import { type CommandLine, parseCommandLine } from '../args.ts';
import { CONFIG_FLAG, DEFAULT_CONFIG } from '../common-flags.ts';
import { type Command, InputError, UsageError } from '../io.ts';

const IMPORT_LINE = {
  usage: 'newswatch feeds import FILE.opml [--config FILE]',
  summary:
    "Adds the OPML file's feeds the configuration lacks (by URL) after its last feed; the rest of the\nfile stays as it is. An outline that is not a valid feed is reported by its line, the others added.",
  flags: CONFIG_FLAG,
  maxArgs: 1,
} satisfies CommandLine<typeof CONFIG_FLAG>;

const EXPORT_LINE = {
  usage: 'newswatch feeds export [--config FILE]',
  summary: 'The configured feeds as OPML, on stdout, with the URLs they are fetched from.',
  flags: CONFIG_FLAG,
} satisfies CommandLine<typeof CONFIG_FLAG>;

const DISCOVER_LINE = {
  usage: 'newswatch feeds discover URL [--config FILE]',
  summary:
    'The feeds a page advertises (<link rel="alternate">, else common paths), fetched under the guards.',
  flags: CONFIG_FLAG,
  maxArgs: 1,
} satisfies CommandLine<typeof CONFIG_FLAG>;

const importOpml: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine(argv, IMPORT_LINE);
  const [file] = positionals;
  if (file === undefined) throw new UsageError(`which OPML file? (usage: ${IMPORT_LINE.usage})`);
  const configPath = resolve(io.cwd, values.config ?? DEFAULT_CONFIG);
  const opmlPath = resolve(io.cwd, file);
  const outlines = readOpmlFile(opmlPath);
  const result = addFeeds(readConfigText(configPath), outlines.map(asFeed));
  // Written only when the whole file is still a valid configuration.
  parseConfig(result.text, configPath);
  if (result.added.length > 0) writeFileSync(configPath, result.text);
  for (const { feed, problems } of result.refused)
    io.stderr(`newswatch feeds import: ${file} line ${feed.line}: not imported: ${problems.join('; ')}\n`);
  io.stdout(
    `${result.added.length} feeds added to ${configPath}, ${result.present.length} already there${result.refused.length ? `, ${result.refused.length} refused` : ''}\n`,
  );
  return result.refused.length > 0 ? 2 : 0;
};

const asFeed = (o: OpmlFeed) => ({ url: o.url, line: o.line, ...(o.title ? { outlet: o.title } : {}) });

function readConfigText(path: string): string {
  // Read and validated first, so a file that was already broken is reported as it stands.
  loadConfig(path);
  return readFileSync(path, 'utf8');
}

function readOpmlFile(file: string): OpmlFeed[] {
  try {
    return readOpml(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof FeedParseError || code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

const exportOpml: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, EXPORT_LINE);
  // The URLs as fetched: `{{samples}}` means nothing to a reader app.
  const config = loadLocalConfig(resolve(io.cwd, values.config ?? DEFAULT_CONFIG));
  const entries = config.feeds.map((f) => ({ url: f.url, title: f.outlet ?? f.id }));
  io.stdout(writeOpml('newswatch feeds', entries));
  return 0;
};

const discover: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine(argv, DISCOVER_LINE);
  const [url] = positionals;
  if (url === undefined || !URL.canParse(url))
    throw new UsageError(`expected one page URL (usage: ${DISCOVER_LINE.usage})`);
  const config = loadConfig(resolve(io.cwd, values.config ?? DEFAULT_CONFIG));
  // Discovery fetches what the user names, so it runs under the same guards as polling.
  const { guardedHttpClient } = await import('../../runtime/container.ts');
  const feeds = await discoverFeeds(url, guardedHttpClient(config.fetch));
  for (const feed of feeds) io.stdout(`${JSON.stringify(feed)}\n`);
  if (feeds.length > 0) return 0;
  io.stderr(`newswatch feeds discover: no feed found at or advertised by ${url}\n`);
  return 1;
};

export const SUBSCRIPTION_LINES = [IMPORT_LINE, EXPORT_LINE, DISCOVER_LINE];

export const SUBSCRIPTION_COMMANDS: Record<'import' | 'export' | 'discover', Command> = {
  import: importOpml,
  export: exportOpml,
  discover,
};

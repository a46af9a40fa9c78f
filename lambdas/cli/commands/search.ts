/**
 * `newswatch search QUERY`: the stories whose stored copies match a query in the topic language,
 * as the page's /search and the API's GET /search answer it (lambdas/core/query/search.ts).
 */
import { highlightText } from '../../core/alerts/highlight.ts';
import { whenReported } from '../../core/query/readable.ts';
import {
  InvalidSearchError,
  type SearchResult,
  searchSince,
  searchStories,
} from '../../core/query/search.ts';
import { InvalidSinceError } from '../../core/query/since.ts';
import { limitOf, parseFlags } from '../args.ts';
import { type Command, UsageError } from '../io.ts';
import { withSearchSources } from '../search-sources.ts';
import { STORE_FLAGS } from '../store-access.ts';

const USAGE =
  'newswatch search QUERY [--since 30d|DATE] [--limit N] [--json] [--config FILE] [--table T --bucket B --region R]';

const FLAGS = {
  ...STORE_FLAGS,
  bucket: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function sinceOf(value: string | undefined): string {
  try {
    return searchSince(value, new Date());
  } catch (err) {
    if (err instanceof InvalidSinceError) throw new UsageError(`--since: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Each story, then each matching copy with its terms marked in *asterisks*. */
function textLines(result: SearchResult): string[] {
  const lines = result.stories.flatMap(({ story, terms, copies }) => [
    story.headline,
    `  story ${story.id} · first reported by ${story.firstOutlet} · ${story.outletCount} outlet(s) · terms: ${terms.join(', ')}`,
    ...copies.flatMap((c) => [
      `  - ${c.outlet} · ${whenReported(c)}: ${highlightText(c.title, c.terms, c.lang)}`,
      ...(c.snippet ? [`    ${highlightText(c.snippet, c.terms, c.lang)}`] : []),
    ]),
    '',
  ]);
  lines.push(
    `${result.stories.length} story(ies) for ${result.query}, first seen since ${result.since}; ${result.read} copies read.`,
  );
  if (result.searchedBack)
    lines.push(`Stopped at stories first seen ${result.searchedBack}: older ones were not searched.`);
  if (result.missingTexts)
    lines.push(`${result.missingTexts} copies had no archived text: matched on headline and summary.`);
  return lines;
}

export const searchCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError(`expected a query\nusage: ${USAGE}`);
  const opts = { since: sinceOf(values.since), limit: limitOf(values.limit) };
  let result: SearchResult;
  try {
    result = await withSearchSources(values, io.cwd, (sources) => searchStories(sources, query, opts));
  } catch (err) {
    if (err instanceof InvalidSearchError) throw new UsageError(`query: ${err.message}`, { cause: err });
    throw err;
  }
  io.stdout(values.json ? `${JSON.stringify(result)}\n` : `${textLines(result).join('\n')}\n`);
  return 0;
};

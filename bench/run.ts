/**
 * `npm run bench [-- cluster|cluster-memory|tag|feeds|cold|storage|search|cost|load|stage] [--flags]`:
 * every throughput figure the issues ask for, and bundle sizes with cold-import times, one suite
 * after another on one core. Flags after the suite names go to each suite named (e.g.
 * `npm run bench -- stage --feeds 10000 --days 3 --json`). Figures are printed, never asserted.
 */
const SUITES = {
  cluster: () => import('./cluster.ts'),
  'cluster-memory': () => import('./cluster-memory.ts'),
  tag: () => import('./tag.ts'),
  feeds: () => import('./feeds.ts'),
  cold: () => import('./cold.ts'),
  storage: () => import('./storage.ts'),
  search: () => import('./search.ts'),
  cost: () => import('./cost.ts'),
  load: () => import('./load.ts'),
  stage: () => import('./stage.ts'),
} as const;

type SuiteName = keyof typeof SUITES;
/** `load`, `cluster-memory`, `search` and `stage` take minutes: they run only when named. */
const DEFAULT_SUITES: SuiteName[] = ['cluster', 'tag', 'feeds', 'cold', 'storage'];

const isSuite = (name: string): name is SuiteName => name in SUITES;

async function run(names: SuiteName[], flags: string[]): Promise<number> {
  let worst = 0;
  const json = flags.includes('--json');
  for (const name of names) {
    // A JSON figure is the whole of stdout.
    if (!json) console.log(`\n=== bench: ${name} ===`);
    const { main } = await SUITES[name]();
    worst = Math.max(worst, await main(flags));
  }
  return worst;
}

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const requested = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const unknown = requested.filter((n) => !isSuite(n));
if (unknown.length > 0) {
  console.error(
    `unknown bench suite(s): ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}`,
  );
  process.exitCode = 2;
} else {
  process.exitCode = await run(requested.length > 0 ? requested.filter(isSuite) : DEFAULT_SUITES, flags);
}

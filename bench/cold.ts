/**
 * Bundle budget and cold init: each handler bundled as the stack bundles it (lib/bundling.ts),
 * its minified size against the budget, and how long a fresh Node process takes to import it,
 * beyond an empty one. The AWS SDK is left out of the bundles as on Lambda and loaded from
 * node_modules here, as the runtime loads its own copy. Medians of several runs; printed, not
 * asserted. Lambda adds its own init on top; this is the part the bundle decides.
 *
 *   npm run bench -- cold            (or: npx tsx bench/cold.ts [--runs 9])
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { loadConfig } from '../lambdas/core/config/load.ts';
import {
  BUNDLE_BANNER,
  BUNDLE_BUDGET_BYTES,
  BUNDLE_MAIN_FIELDS,
  BUNDLE_TARGET,
  configDefine,
  HANDLER_NAMES,
  type HandlerName,
  RUNTIME_PROVIDED,
} from '../lib/bundling.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Under the repository, so that the bundles resolve @aws-sdk/* from its node_modules.
const outDir = path.join(repoRoot, 'build/bench-cold');

async function bundle(name: HandlerName, configText: string): Promise<string> {
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [path.join(repoRoot, `lambdas/handlers/${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    minify: true,
    mainFields: BUNDLE_MAIN_FIELDS,
    external: RUNTIME_PROVIDED,
    banner: { js: BUNDLE_BANNER },
    define: configDefine(configText),
    logLevel: 'error',
  });
  return outfile;
}

/** Wall time of one fresh `node` that imports `file` (or nothing), in milliseconds. */
function startMs(file?: string): number {
  const code = file ? `await import(${JSON.stringify(pathToFileURL(file).href)})` : '';
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' },
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs are interleaved so that a busy neighbour slows every candidate alike. */
function measure(files: Record<string, string | undefined>, runs: number): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, file] of Object.entries(files)) times[name]?.push(startMs(file));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '9' } } });
  const runs = Number(values.runs);
  mkdirSync(outDir, { recursive: true });
  const configText = JSON.stringify(loadConfig(path.join(repoRoot, 'config/example.yaml')));
  const files: Record<string, string | undefined> = { 'empty node': undefined };
  for (const name of HANDLER_NAMES) files[name] = await bundle(name, configText);
  const medians = measure(files, runs);
  const baseline = medians['empty node'] ?? 0;
  console.log(
    `Node ${process.version} ${process.arch}, ${runs} runs each, median; budget ${BUNDLE_BUDGET_BYTES / 1024} KB`,
  );
  console.log(
    `${'bundle'.padEnd(11)}${'minified'.padStart(10)}  ${'budget'.padEnd(7)}${'import'.padStart(9)}${'over empty'.padStart(12)}`,
  );
  console.log(
    `${'empty node'.padEnd(11)}${''.padStart(10)}  ${''.padEnd(7)}${`${baseline.toFixed(0)} ms`.padStart(9)}`,
  );
  let over = 0;
  for (const name of HANDLER_NAMES) {
    const bytes = statSync(files[name] ?? '').size;
    const within = bytes <= BUNDLE_BUDGET_BYTES;
    if (!within) over += 1;
    const ms = medians[name] ?? 0;
    console.log(
      `${name.padEnd(11)}${`${(bytes / 1024).toFixed(0)} KB`.padStart(10)}  ${(within ? 'ok' : 'OVER').padEnd(7)}${`${ms.toFixed(0)} ms`.padStart(9)}${`+${(ms - baseline).toFixed(0)} ms`.padStart(12)}`,
    );
  }
  return over > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}

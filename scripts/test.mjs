#!/usr/bin/env node
/**
 * `npm test`: Biome, then tsc beside the Vitest run instead of before it. tsc takes some twenty
 * seconds of one core, and the integration tests leave a core idle for much of their time while
 * they wait on the processes they start. tsc's output is held until the tests end, so the two do
 * not interleave; the exit code is the first failure's. Arguments go to `vitest run`.
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/.bin');

/**
 * Runs `name` from node_modules/.bin. In the background it keeps its output instead of printing
 * it, and yields the processor to the tests, some of which time what they start.
 */
function run(name, args, background = false) {
  const child = spawn(path.join(BIN, name), args, {
    stdio: background ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (background && child.pid !== undefined) setPriority(child.pid, 10);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return new Promise((done) => child.once('close', (code) => done({ code: code ?? 1, output })));
}

const lint = await run('biome', ['check', '.']);
if (lint.code !== 0) process.exit(lint.code);
const typecheck = run('tsc', ['--noEmit'], true);
const tests = await run('vitest', ['run', ...process.argv.slice(2)]);
const types = await typecheck;
if (types.code !== 0) process.stderr.write(`\ntsc --noEmit failed:\n${types.output}`);
process.exit(tests.code || types.code);

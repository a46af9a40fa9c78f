import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLoadConfig } from '../bench/load/harness.ts';
import { startLoadServer } from '../bench/load/server.ts';
const server = await startLoadServer({ feeds: 40, itemsPerFeed: 50, wireStories: 100, outletsPerWire: 4, seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'nwload-'));
const config = await writeLoadConfig(dir, server);
const t0 = Date.now();
const child = spawn(process.execPath, ['/work/main/bin/newswatch.mjs', 'run', '--once', '--config', config], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_NO_WARNINGS: '1', ...(process.env.EXTRA ? {} : {}) } });
let out = '';
child.stdout.on('data', (d) => (out += d));
const samples: string[] = [];
const iv = setInterval(() => {
  try {
    const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(st)?.[1];
    samples.push(`${((Date.now() - t0) / 1000).toFixed(1)}s ${Math.round(Number(rss) / 1024)}MB`);
  } catch {}
}, 500);
await new Promise((r) => child.on('exit', r));
clearInterval(iv);
console.log(samples.join(' | '));
console.log(out.split('\n').slice(0, 3).join('\n'));
await server.close();

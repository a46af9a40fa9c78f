/**
 * What the load bench and its test share: a newswatch configuration over the loopback feed server,
 * one `newswatch run --once` as a child process with its wall time and peak RSS, and what the run
 * stored, read back from the local store the way `newswatch stories` and `explain` read it.
 *
 * Peak RSS: the child is started with `--import` of a preload that, on the process's `exit`
 * event, writes `process.resourceUsage()` (getrusage(RUSAGE_SELF): `maxRSS` is the high-water
 * mark of the resident set over the whole life of the process, in KiB) to a file. bin/newswatch.mjs
 * runs the CLI in its own process (it imports the bundle; it spawns nothing), so that process is
 * the whole run. It needs a normal exit: a killed child leaves no figure.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withStore } from '../../lambdas/cli/store-access.ts';
import { listStories, storyDetail } from '../../lambdas/core/query/queries.ts';
import { REPO_ROOT, writeDemoConfig } from '../../test/support/cli.ts';
import type { LoadServer } from './server.ts';

const BIN = resolve(REPO_ROOT, 'bin/newswatch.mjs');

/** Writes `dir/newswatch.yaml`: the local demo's topics and settings, the load server's feeds, data in `dir/data`. */
export async function writeLoadConfig(dir: string, server: LoadServer): Promise<string> {
  return writeDemoConfig(join(dir, 'newswatch.yaml'), join(dir, 'data'), (config) => {
    config.feeds = server.feeds;
    const fetch = (config.fetch ?? {}) as Record<string, unknown>;
    config.fetch = { ...fetch, allowPrivate: ['127.0.0.1/32'] };
  });
}

export interface RunFigures {
  code: number | null;
  wallMs: number;
  /** Peak resident set of the newswatch process, bytes; undefined when it did not exit normally. */
  maxRssBytes?: number;
  cpuMs?: number;
  stdout: string;
  stderr: string;
}

/** Runs `newswatch <args>` in `cwd` as a child process and measures it. */
export async function measuredNewswatch(
  args: string[],
  opts: { cwd: string; timeoutMs?: number; workDir: string },
): Promise<RunFigures> {
  const preload = join(opts.workDir, 'usage-preload.mjs');
  const usageFile = join(opts.workDir, `usage-${process.pid}-${Date.now()}.json`);
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const file = process.env.NEWSWATCH_USAGE_FILE;
  if (file) writeFileSync(file, JSON.stringify(process.resourceUsage()));
});
`,
  );
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NODE_NO_WARNINGS: '1', NEWSWATCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = opts.timeoutMs
    ? setTimeout(() => {
        stderr += `\n[harness] stopped after ${opts.timeoutMs} ms\n`;
        child.kill('SIGTERM');
      }, opts.timeoutMs)
    : undefined;
  const code = await new Promise<number | null>((done) => child.once('close', (c) => done(c)));
  const wallMs = performance.now() - start;
  if (timer) clearTimeout(timer);
  const figures: RunFigures = { code, wallMs, stdout, stderr };
  if (existsSync(usageFile)) {
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
    figures.maxRssBytes = usage.maxRSS * 1024;
    figures.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  }
  return figures;
}

export interface StoredStory {
  id: string;
  headline: string;
  /** The members' URLs (each the item's path on the load server after the base URL). */
  members: string[];
}

/** Every story the run stored (merged-away ones folded into their survivors), with its members. */
export async function storedStories(configFile: string, cwd: string, since: Date): Promise<StoredStory[]> {
  // As bin/newswatch.mjs does: the SDK's Node-version notice is said once, in the README.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return withStore({ config: configFile }, cwd, async (store) => {
    const stories = await listStories(store, { since: since.toISOString(), limit: 1_000_000 });
    const out: StoredStory[] = [];
    for (const story of stories) {
      const detail = await storyDetail(store, story.id);
      out.push({
        id: story.id,
        headline: story.headline,
        members: detail.members.map((m) => m.url ?? `item:${m.itemId}`),
      });
    }
    return out;
  });
}

export interface Tally {
  items: number;
  distinctItems: number;
  stories: number;
  /** Wire stories whose copies all sit in one story with nothing else (of `wireStories`). */
  wireWhole: number;
  /** Wire stories whose copies are spread over more than one story. */
  wireSplit: number;
  /** Stories holding items of more than one ground-truth story. */
  mixedStories: number;
  /** For each of those: its headline and the ground-truth stories of its members. */
  mixed: Array<{ headline: string; truths: string[] }>;
  /** Items stored more than once (in two stories, or twice in one). */
  duplicateItems: number;
  /** Items the server serves that no story holds. */
  missingItems: number;
}

/** Compares what was stored with the corpus's ground truth. */
export function tally(server: LoadServer, stories: StoredStory[]): Tally {
  const truth = new Map(server.corpus.items.map((i) => [`${server.baseUrl}${i.path}`, i.story]));
  const seen = new Map<string, number>();
  const storiesOfTruth = new Map<string, Set<string>>();
  const mixed: Tally['mixed'] = [];
  for (const story of stories) {
    const truths = new Set<string>();
    for (const url of story.members) {
      seen.set(url, (seen.get(url) ?? 0) + 1);
      const t = truth.get(url) ?? `unknown:${url}`;
      truths.add(t);
      const holders = storiesOfTruth.get(t) ?? new Set<string>();
      holders.add(story.id);
      storiesOfTruth.set(t, holders);
    }
    if (truths.size > 1) mixed.push({ headline: story.headline, truths: [...truths].sort() });
  }
  const wire = [
    ...new Set(server.corpus.items.filter((i) => i.story.startsWith('wire-')).map((i) => i.story)),
  ];
  const alone = (t: string) => {
    const holders = storiesOfTruth.get(t);
    if (holders?.size !== 1) return false;
    const [id] = holders;
    const story = stories.find((s) => s.id === id);
    const copies = server.corpus.items.filter((i) => i.story === t).length;
    return (
      story !== undefined && story.members.length === copies && story.members.every((u) => truth.get(u) === t)
    );
  };
  return {
    items: [...seen.values()].reduce((a, b) => a + b, 0),
    distinctItems: seen.size,
    stories: stories.length,
    wireWhole: wire.filter(alone).length,
    wireSplit: wire.filter((t) => (storiesOfTruth.get(t)?.size ?? 0) > 1).length,
    mixedStories: mixed.length,
    mixed,
    duplicateItems: [...seen.values()].filter((n) => n > 1).length,
    missingItems: [...truth.keys()].filter((u) => !seen.has(u)).length,
  };
}

/**
 * A run killed at any moment and run again ends as one clean run would: exactly one story per
 * event, one email per (story, topic). `newswatch run --once` is killed with SIGKILL at points
 * spread over a whole run (fetching and admitting items, the story stage, sending), as fractions
 * of a clean run's duration measured first on the same machine; each kill is in a data folder of
 * its own, then one more run finishes the work. `npm test` kills at 3 points (a quick check, some
 * 30 s); `npm run test:crash` (CI runs it too) at 22, which takes minutes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedStories, tally } from '../../bench/load/harness.ts';
import { type LoadServer, startLoadServer } from '../../bench/load/server.ts';
import { newswatch, REPO_ROOT, writeDemoConfig } from '../support/cli.ts';

/** Small enough for 23 runs in a minute or two; wire copies and distinct stories as in the load bench. */
const SHAPE = { feeds: 6, itemsPerFeed: 8, wireStories: 6, outletsPerWire: 3, seed: 11, words: 300 };
const KILLS = Number(process.env.NEWSWATCH_CRASH_KILLS ?? 3);
const TOPIC = { name: 'Civic', query: 'council OR funding OR safety', recipients: ['desk@example.com'] };
const BIN = resolve(REPO_ROOT, 'bin/newswatch.mjs');

interface Outcome {
  /** Ground-truth story of each stored story's members, one entry per stored story. */
  stories: string[][];
  /** Per ground-truth story, the number of emails that announced it. */
  emails: Map<string, number>;
  tally: ReturnType<typeof tally>;
}

async function setUp(server: LoadServer): Promise<{ dir: string; config: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-crash-'));
  const config = await writeDemoConfig(join(dir, 'newswatch.yaml'), join(dir, 'data'), (c) => {
    c.feeds = server.feeds;
    c.topics = [TOPIC];
    c.fetch = { ...(c.fetch as Record<string, unknown>), allowPrivate: ['127.0.0.1/32'] };
  });
  return { dir, config };
}

/** Starts a run and kills it `afterMs` later (or lets it finish, whichever first). */
function killedRun(config: string, cwd: string, afterMs: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'run', '--once', '--config', config], {
      cwd,
      stdio: 'ignore',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** The email's story id, from the line every alert's text part ends with. */
function storyIdOf(text: string): string | undefined {
  return /Story id:? (st_[0-9a-f]+)/.exec(text)?.[1];
}

async function outcome(server: LoadServer, config: string, dir: string): Promise<Outcome> {
  const stored = await storedStories(config, dir, new Date(Date.now() - 2 * 86_400_000));
  const truthOf = new Map(server.corpus.items.map((i) => [`${server.baseUrl}${i.path}`, i.story]));
  const truthOfStory = new Map(stored.map((s) => [s.id, [...new Set(s.members.map((u) => truthOf.get(u)))]]));
  const mailDir = join(dir, 'data', 'mail');
  const emails = new Map<string, number>();
  for (const file of readdirSync(mailDir).filter((f) => /-\d+\.txt$/.test(f))) {
    const storyId = storyIdOf(readFileSync(join(mailDir, file), 'utf8'));
    for (const truth of truthOfStory.get(storyId ?? '') ?? [`unknown:${storyId}`])
      emails.set(truth ?? '?', (emails.get(truth ?? '?') ?? 0) + 1);
  }
  return {
    stories: [...truthOfStory.values()].map((t) => t.map(String).sort()).sort(),
    emails,
    tally: tally(server, stored),
  };
}

describe('newswatch run killed at any point, then run again', () => {
  let server: LoadServer;
  let reference: Outcome;
  let runMs = 0;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startLoadServer(SHAPE);
    const { dir, config } = await setUp(server);
    dirs.push(dir);
    const started = performance.now();
    const clean = await newswatch(['run', '--once', '--config', config], { cwd: dir });
    runMs = performance.now() - started;
    expect(clean.code, clean.stderr).toBe(0);
    reference = await outcome(server, config, dir);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stores every event once as one story and mails each matching one once, in a clean run', () => {
    expect(reference.tally).toMatchObject({
      duplicateItems: 0,
      missingItems: 0,
      wireSplit: 0,
      mixedStories: 0,
    });
    expect(reference.tally.wireWhole).toBe(SHAPE.wireStories);
    expect(reference.emails.size).toBeGreaterThan(5);
    expect([...reference.emails.values()].every((n) => n === 1)).toBe(true);
  });

  it(`ends the same after a SIGKILL at any of ${KILLS} points`, async () => {
    const differences: string[] = [];
    for (let k = 1; k <= KILLS; k++) {
      const { dir, config } = await setUp(server);
      dirs.push(dir);
      const at = Math.round((runMs * k) / (KILLS + 1));
      await killedRun(config, dir, at);
      const rerun = await newswatch(['run', '--once', '--config', config], { cwd: dir });
      if (rerun.code !== 0) {
        differences.push(`kill at ${at} ms: the next run failed: ${rerun.stderr.trim()}`);
        continue;
      }
      const after = await outcome(server, config, dir);
      if (JSON.stringify(after.stories) !== JSON.stringify(reference.stories))
        differences.push(`kill at ${at} ms: stories differ: ${JSON.stringify(after.tally)}`);
      const mailed = [...after.emails].sort().map(([t, n]) => `${t}×${n}`);
      const expected = [...reference.emails].sort().map(([t, n]) => `${t}×${n}`);
      if (mailed.join() !== expected.join())
        differences.push(`kill at ${at} ms: emails ${mailed.join(' ')} instead of ${expected.join(' ')}`);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(differences).toEqual([]);
  }, 600_000);
});

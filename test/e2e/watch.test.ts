/**
 * A user watching and querying at once: while a continuous `newswatch run` holds the local data,
 * the query commands go through its stand-ins instead of failing on the locked database, and the
 * run serves the reading page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newswatch, type RunningCli, startNewswatch, writeDemoConfig } from '../support/cli.ts';

describe('newswatch run, continuous, with queries alongside', () => {
  let dir: string;
  let config: string;
  let run: RunningCli;
  let pageUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-watch-'));
    config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
    run = startNewswatch(['run', '--config', config]);
    pageUrl = (await run.waitFor(/^Stories: (http:\/\/127\.0\.0\.1:\d+\/)$/m))[1] ?? '';
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints where the page is, on the configured port', () => {
    expect(pageUrl).toBe(`http://127.0.0.1:${parse(readFileSync(config, 'utf8')).local.webPort}/`);
  });

  it('answers stories and feeds while the run holds the data', async () => {
    const stories = await newswatch(['stories', '--config', config]);
    expect(stories.stderr).toBe('');
    expect(stories.stdout.trim().split('\n')).toHaveLength(3);
    const feeds = await newswatch(['feeds', '--config', config]);
    expect(feeds.code).toBe(0);
    expect(feeds.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('serves the stories page', async () => {
    // The sample articles carry fixed publish dates; the list filters by publish time.
    const res = await fetch(`${pageUrl}?since=all`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Port authority approves $480 million Larkspur terminal expansion');
  });

  it('stops on SIGTERM, leaving no lease on the data behind', async () => {
    expect(existsSync(join(dir, 'data', 'standins.json'))).toBe(true);
    expect(await run.stop()).toBe(0);
    expect(existsSync(join(dir, 'data', 'standins.json'))).toBe(false);
    // With the run gone, a query opens the data itself again.
    expect((await newswatch(['stories', '--config', config])).code).toBe(0);
  });
});

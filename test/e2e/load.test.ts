/**
 * The load bench's server and harness at a small size, through the real `newswatch run --once`:
 * every item stored once, each wire story one story with its copies and nothing else, distinct
 * stories kept apart. Counts only, never timings (`npm run bench -- load` prints those).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  measuredNewswatch,
  type StoredStory,
  storedStories,
  tally,
  writeLoadConfig,
} from '../../bench/load/harness.ts';
import { type LoadServer, startLoadServer } from '../../bench/load/server.ts';

const SHAPE = { feeds: 8, itemsPerFeed: 10, wireStories: 10, outletsPerWire: 4, seed: 11, words: 500 };
const DISTINCT = SHAPE.feeds * SHAPE.itemsPerFeed - SHAPE.wireStories * SHAPE.outletsPerWire;

describe('newswatch run --once over the load server (small)', () => {
  let dir: string;
  let server: LoadServer;
  let stories: StoredStory[];
  let output: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-load-test-'));
    server = await startLoadServer(SHAPE);
    const config = await writeLoadConfig(dir, server);
    const since = new Date(Date.now() - 2 * 86_400_000);
    const run = await measuredNewswatch(['run', '--once', '--config', config], { cwd: dir, workDir: dir });
    output = `${run.stdout}\n${run.stderr}`;
    expect(run.code, output).toBe(0);
    stories = await storedStories(config, dir, since);
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the shape it was asked for', () => {
    const { corpus } = server;
    expect(corpus.items).toHaveLength(SHAPE.feeds * SHAPE.itemsPerFeed);
    expect(corpus.feeds.every((f) => f.length === SHAPE.itemsPerFeed)).toBe(true);
    const wire = corpus.items.filter((i) => i.story.startsWith('wire-'));
    expect(new Set(wire.map((i) => i.story)).size).toBe(SHAPE.wireStories);
    for (let k = 0; k < SHAPE.wireStories; k++) {
      const copies = wire.filter((i) => i.story === `wire-${k}`);
      expect(new Set(copies.map((i) => i.feedIndex)).size).toBe(SHAPE.outletsPerWire);
    }
  });

  it('stores every item once', () => {
    const t = tally(server, stories);
    expect(t.missingItems, output).toBe(0);
    expect(t.duplicateItems).toBe(0);
    expect(t.distinctItems).toBe(SHAPE.feeds * SHAPE.itemsPerFeed);
  });

  it('makes each wire story exactly one story holding its four copies', () => {
    const t = tally(server, stories);
    expect(t.wireSplit).toBe(0);
    expect(t.wireWhole).toBe(SHAPE.wireStories);
  });

  it('keeps distinct stories apart', () => {
    const t = tally(server, stories);
    expect(t.mixedStories).toBe(0);
    expect(t.stories).toBe(SHAPE.wireStories + DISTINCT);
  });
});

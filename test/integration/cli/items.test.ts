/**
 * `newswatch items --parked` and `items redrive` on the local data folder: a parked item is
 * listed with why, queued again by redrive, and the next run assigns it to a story.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLocalStore } from '../../../lambdas/cli/store-access.ts';
import type { ParkedItem, QueuedItem } from '../../../lambdas/core/model.ts';
import { loadLocalConfig } from '../../../lambdas/local/local-config.ts';
import { newswatch, writeDemoConfig } from '../../support/cli.ts';

describe('newswatch items', () => {
  let dir = '';
  let config = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-items-'));
    config = await writeDemoConfig(join(dir, 'newswatch.yaml'), join(dir, 'data'));
    const run = await newswatch(['run', '--once', '--config', config], { cwd: dir });
    expect(run.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a parked item with why, queues it again, and the next run assigns it', async () => {
    const text = 'The Larkspur port authority approved the terminal expansion on Tuesday, its chair said.';
    const item: QueuedItem = {
      id: 'parked-item-1',
      feedId: 'harbour-herald',
      guid: 'parked-item-1',
      url: 'https://herald.example/parked-item-1',
      title: 'Larkspur terminal expansion approved',
      text,
      textLength: text.length,
      categories: [],
      firstSeen: new Date().toISOString(),
      outlet: 'Harbour Herald',
      contentHash: 'parked-1',
    };
    const parked: ParkedItem = {
      item,
      reason: 'the story stage could not assign it',
      error: 'RangeError: Invalid array length',
      parkedAt: new Date().toISOString(),
    };
    await withLocalStore(loadLocalConfig(config).local.dataDir, dir, (store) => store.parkItem(parked));

    const listed = await newswatch(['items', '--parked', '--config', config], { cwd: dir });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('parked-item-1\tharbour-herald');
    expect(listed.stdout).toContain('RangeError: Invalid array length');
    const json = await newswatch(['items', '--parked', '--json', '--config', config], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual(parked);

    const redriven = await newswatch(['items', 'redrive', '--config', config], { cwd: dir });
    expect(redriven.stdout).toContain('1 parked item(s) queued');
    expect((await newswatch(['items', '--parked', '--config', config], { cwd: dir })).stdout).toBe(
      'no parked items\n',
    );
    const run = await newswatch(['run', '--once', '--config', config], { cwd: dir });
    expect(run.code).toBe(0);
    const stored = await withLocalStore(loadLocalConfig(config).local.dataDir, dir, (store) =>
      store.getItem('parked-item-1'),
    );
    expect(stored?.membership.storyId).toMatch(/^st_/);
  });

  it('refuses a stray argument and a redrive of dead letters without a deployed stack', async () => {
    const stray = await newswatch(['items', 'resend', '--config', config], { cwd: dir });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('unexpected argument "resend"');
    const dlq = await newswatch(['items', 'redrive', '--dead-letters', 'https://sqs/x', '--config', config], {
      cwd: dir,
    });
    expect(dlq.code).toBe(2);
  });
});

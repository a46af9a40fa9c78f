/**
 * The seed check: the five seed articles through `newswatch cluster` give exactly the two stories
 * of ../shared/seeds/README.md. Reads the seeds by path (test/support/shared.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterCommand } from '../../lambdas/cli/commands/cluster.ts';
import { sharedFolder } from '../support/shared.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const { dir: seedsDir, runs } = sharedFolder('seeds');

/** Dates from the seeds README: the cancelled talks on 20-21 June, the briefing on 11-12 July 2025. */
const PUBLISHED: Record<string, string> = {
  '000': '2025-07-11T09:00:00Z',
  '001': '2025-07-11T15:00:00Z',
  '002': '2025-06-21T08:00:00Z',
  '003': '2025-06-21T13:00:00Z',
  '004': '2025-07-12T02:00:00Z',
};

async function seedsJsonl(order: string[]): Promise<string> {
  const files = readdirSync(seedsDir).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  const byId = new Map(files.map((f) => [f.slice(0, 3), f]));
  const lines = order.map((id) => {
    const text = readFileSync(path.join(seedsDir, byId.get(id) ?? ''), 'utf8');
    const title =
      text
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? '';
    return JSON.stringify({ id, title, text, published: PUBLISHED[id] });
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'nw-seeds-'));
  const file = path.join(dir, 'seeds.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

async function cluster(file: string): Promise<Map<string, string>> {
  let out = '';
  const code = await clusterCommand(['--in', file], {
    stdout: (t) => (out += t),
    stderr: () => {},
    cwd: repoRoot,
  });
  expect(code).toBe(0);
  const rows = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; storyId: string });
  return new Map(rows.map((r) => [r.id, r.storyId]));
}

describe.runIf(runs)('newswatch cluster on the seeds', () => {
  for (const order of [
    ['000', '001', '002', '003', '004'],
    ['004', '003', '002', '001', '000'],
    ['002', '000', '004', '003', '001'],
  ]) {
    it(`gives R = {000, 001, 004} and C = {002, 003} in order ${order.join(' ')}`, async () => {
      const stories = await cluster(await seedsJsonl(order));
      expect([...stories.keys()]).toEqual(order);
      const r = stories.get('000');
      const c = stories.get('002');
      expect(stories.get('001')).toBe(r);
      expect(stories.get('004')).toBe(r);
      expect(stories.get('003')).toBe(c);
      expect(c).not.toBe(r);
    });
  }
});

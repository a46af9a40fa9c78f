/** The five seed articles (../shared/seeds) as clustering inputs, with the README's stories as gold. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';

/** Dates from seeds/README.md: the cancelled talks on 20-21 June, the briefing on 11-12 July 2025. */
const PUBLISHED: Record<string, string> = {
  '000': '2025-07-11T09:00:00.000Z',
  '001': '2025-07-11T15:00:00.000Z',
  '002': '2025-06-21T08:00:00.000Z',
  '003': '2025-06-21T13:00:00.000Z',
  '004': '2025-07-12T02:00:00.000Z',
};

export const SEED_GOLD = new Map([
  ['000', 'R'],
  ['001', 'R'],
  ['004', 'R'],
  ['002', 'C'],
  ['003', 'C'],
]);

/** First non-empty line as title, the whole file as text, as the CLI seed check builds them. */
export function loadSeeds(sharedDir: string): ClusterInput[] {
  const dir = path.join(sharedDir, 'seeds');
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((f) => {
      const id = f.slice(0, 3);
      const text = readFileSync(path.join(dir, f), 'utf8');
      const title =
        text
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim() ?? '';
      const published = PUBLISHED[id] ?? '';
      return { id, title, text, published, seenAt: published };
    });
}

/**
 * ECB+ training topics (../shared/corpora/ecbplus-train): full-text articles, each topic two
 * look-alike real events. The corpus has no dates or outlets, so every article arrives undated.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';

const ECBPLUS_FILE = 'corpora/ecbplus-train/ecbplus-train.articles.jsonl';

export interface EcbArticle {
  input: ClusterInput;
  /** '<topic>_<ecb|ecbplus>': one real event. */
  story: string;
  topic: string;
}

export function ecbplusAvailable(sharedDir: string): boolean {
  return existsSync(path.join(sharedDir, ECBPLUS_FILE));
}

/** In file order; `seenAt` is one instant for all, as `newswatch cluster` gives undated input. */
export function loadEcbplus(sharedDir: string, seenAt: string): EcbArticle[] {
  const lines = readFileSync(path.join(sharedDir, ECBPLUS_FILE), 'utf8').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { id: string; title: string; text: string; story: string };
      return {
        input: { id: row.id, title: row.title, text: row.text, seenAt },
        story: row.story,
        topic: row.story.split('_')[0] ?? '',
      };
    });
}

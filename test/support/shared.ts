/**
 * ../shared beside the repository: the seed articles and the external corpora some suites read.
 * See ci.ts for what happens when it is absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { missingUnderCi, runsHere, underCi } from './ci.ts';

const SHARED = resolve(import.meta.dirname, '../../../shared');

/** A folder of ../shared, and whether the suites that read it run here. */
export function sharedFolder(name: 'seeds' | 'corpora', root = SHARED): { dir: string; runs: boolean } {
  const dir = resolve(root, name);
  const present = existsSync(dir);
  // Suites read the folder while collecting their tests: say plainly what is missing before they do.
  if (!present && underCi()) throw missingUnderCi(dir);
  return { dir, runs: runsHere(present, dir) };
}

/** Once per `vitest run`: the folder in which suites note what they skipped, so each says it once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SKIP_NOTES_DIR } from './ci.ts';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-skips-'));
  process.env[SKIP_NOTES_DIR] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

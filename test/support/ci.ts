/**
 * What a suite may lack. Off CI, a suite whose browser, database or data is not on this machine
 * skips, with one line saying so. Under CI=true it runs and fails instead: a CI image that lost a
 * piece must fail the build, not pass it by quietly testing less.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const underCi = (): boolean => process.env.CI === 'true';

/** Whether a suite that needs `what` runs here. */
export function runsHere(present: boolean, what: string): boolean {
  if (present || underCi()) return true;
  if (firstToSay(what))
    console.log(`${what} not found: its tests are skipped here (under CI=true they fail)`);
  return false;
}

/**
 * Test files run in processes of their own, so "said once per run" is a file each missing piece
 * leaves in the folder the run's global setup made (test/support/global-setup.ts); without one,
 * every file says it.
 */
function firstToSay(what: string): boolean {
  const dir = process.env[SKIP_NOTES_DIR];
  if (!dir) return true;
  try {
    writeFileSync(join(dir, createHash('sha256').update(what).digest('hex').slice(0, 16)), '', {
      flag: 'wx',
    });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export const SKIP_NOTES_DIR = 'NEWSWATCH_TEST_SKIP_NOTES';

/** The error a suite fails with under CI when `what` is missing. */
export const missingUnderCi = (what: string): Error =>
  new Error(`${what} is missing: under CI=true the tests that need it fail rather than skip`);

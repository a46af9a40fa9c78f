/**
 * What a suite may lack. Off CI, a suite whose browser, database or data is not on this machine
 * skips, with one line saying so. Under CI=true it runs and fails instead: a CI image that lost a
 * piece must fail the build, not pass it by quietly testing less.
 */
export const underCi = (): boolean => process.env.CI === 'true';

/** Whether a suite that needs `what` runs here. */
export function runsHere(present: boolean, what: string): boolean {
  if (present || underCi()) return true;
  console.log(`${what} not found: its tests are skipped here (under CI=true they fail)`);
  return false;
}

/** The error a suite fails with under CI when `what` is missing. */
export const missingUnderCi = (what: string): Error =>
  new Error(`${what} is missing: under CI=true the tests that need it fail rather than skip`);

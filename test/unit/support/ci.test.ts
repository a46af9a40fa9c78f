/** The test suites' own rule: off CI a missing piece skips its suite, under CI=true it fails the run. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runsHere, SKIP_NOTES_DIR } from '../../support/ci.ts';
import { sharedFolder } from '../../support/shared.ts';

describe('suites that need what a machine may lack', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skip off CI with one line saying what is missing', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv(SKIP_NOTES_DIR, '');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(runsHere(false, 'DynamoDB Local')).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toContain('DynamoDB Local not found');
  });

  it('say it once per test run, however many files skip', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv(SKIP_NOTES_DIR, mkdtempSync(join(tmpdir(), 'nw-skips-')));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect([runsHere(false, 'Chromium'), runsHere(false, 'Chromium'), runsHere(false, 'Java')]).toEqual([
      false,
      false,
      false,
    ]);
    expect(log.mock.calls.map((call) => String(call[0]).split(' ')[0])).toEqual(['Chromium', 'Java']);
  });

  it('run under CI=true, so that the missing piece fails them', () => {
    vi.stubEnv('CI', 'true');
    expect(runsHere(false, 'DynamoDB Local')).toBe(true);
  });

  it('run wherever the piece is present', () => {
    vi.stubEnv('CI', '');
    expect(runsHere(true, 'DynamoDB Local')).toBe(true);
  });

  it('fail at once under CI=true when ../shared lacks a folder they read', () => {
    const empty = mkdtempSync(join(tmpdir(), 'nw-shared-'));
    vi.stubEnv('CI', 'true');
    expect(() => sharedFolder('seeds', empty)).toThrow(`${join(empty, 'seeds')} is missing`);
    vi.stubEnv('CI', '');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(sharedFolder('seeds', empty)).toEqual({ dir: join(empty, 'seeds'), runs: false });
  });
});

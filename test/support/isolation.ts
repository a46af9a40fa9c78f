/**
 * Unit files run in one shared module registry (vitest.config.ts, isolate: false), so a module
 * one file replaces with vi.mock would stay replaced for the files after it. Those files run
 * isolated, and are named here; test/unit/support/isolation.test.ts checks that none is missing.
 */
export const MODULE_MOCKING_FILES = ['test/unit/poll/normalise-failure.test.ts'];

import { defineConfig } from 'vitest/config';
import { MODULE_MOCKING_FILES } from './test/support/isolation.ts';

/**
 * Vitest's default on two cores is one worker: the unit files are CPU-bound and bind no ports. A
 * group of projects shares one worker count, and runs before the integration group.
 */
const UNIT_POOL = {
  maxWorkers: 2,
  sequence: { groupOrder: 0 },
  // A test that first imports a module pays for loading it: main.test.ts's --help test loads
  // every command, and took 5 s on this two-core machine while it ran other work too.
  testTimeout: 20_000,
};

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: MODULE_MOCKING_FILES,
          environment: 'node',
          // The unit files share a process and its loaded modules: loading them afresh for each
          // file was most of the unit run (see test/support/isolation.ts for the files that can't).
          isolate: false,
          ...UNIT_POOL,
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: MODULE_MOCKING_FILES, environment: 'node', ...UNIT_POOL },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/dynamodb-local.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: much of an integration file's time is spent waiting on the CLI it
          // spawns, a stand-in or a timer, and every stand-in and CLI binds a port of its own
          // choosing.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

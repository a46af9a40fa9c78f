/** Every unit file that replaces a module runs isolated (test/support/isolation.ts says why). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULE_MOCKING_FILES } from '../../support/isolation.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MOCKS_A_MODULE = /\bvi\.(mock|doMock)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('unit files that replace a module', () => {
  const mocking = testFiles(join(ROOT, 'test/unit')).filter((file) =>
    MOCKS_A_MODULE.test(readFileSync(join(ROOT, file), 'utf8')),
  );

  it('are found by the check', () => {
    expect(mocking).toContain('test/unit/poll/normalise-failure.test.ts');
  });

  it('all run isolated', () => {
    expect(mocking.sort()).toEqual([...MODULE_MOCKING_FILES].sort());
  });
});

/** What a query command reads of the configuration: the data folder and the topics' names. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/errors.ts';
import { loadConfig } from '../../../lambdas/core/config/load.ts';
import { readStoreConfig } from '../../../lambdas/local/store-config.ts';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'newswatch-store-config-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('readStoreConfig', () => {
  it('reads the data folder and the topic names as the full loader does', () => {
    for (const path of ['config/local.yaml', 'config/example.yaml']) {
      const full = loadConfig(path);
      expect(readStoreConfig(path)).toEqual({
        dataDir: full.local.dataDir,
        topics: full.topics.map((t) => t.name),
      });
    }
  });

  it('takes the default data folder, and trims names, as the schema does', () => {
    const path = file('topics:\n  - { name: "  Taiwan ", query: Taiwan }\n');
    expect(readStoreConfig(path)).toEqual({ dataDir: '.newswatch', topics: ['Taiwan'] });
  });

  it('refuses a missing file and broken YAML with the loader’s one-line errors', () => {
    const missing = join(tmpdir(), 'newswatch-no-such-file.yaml');
    expect(() => readStoreConfig(missing)).toThrow(
      new ConfigError(`${missing}: cannot read the configuration file: no such file`),
    );
    const broken = file('topics: [\n');
    expect(() => readStoreConfig(broken)).toThrow(ConfigError);
    expect(() => readStoreConfig(broken)).toThrow(/not valid YAML at line \d+, column \d+: \S/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/errors.ts';
import { parseConfig } from '../../../lambdas/core/config/load.ts';

const VALID = `
feeds:
  - { id: wire, url: 'https://example.com/rss.xml' }
topics:
  - { name: Japan, query: 'Japan AND defense', recipients: [desk@example.com] }
alerts: { from: newswatch@example.com }
fetch: { contactUrl: 'https://example.com/contact' }
`;

function errorOf(text: string): string {
  try {
    parseConfig(text, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('applies defaults to a minimal file', () => {
    const config = parseConfig(VALID, 'test.yaml');
    expect(config.schedule).toBe('rate(15 minutes)');
    expect(config.fetch.maxBytes).toBe(5 * 1024 * 1024);
    expect(config.fetch.allowPrivate).toEqual([]);
    expect(config.feeds[0]?.fullText).toBe(false);
    expect(config.local.dataDir).toBe('.newswatch');
  });

  it('accepts the shipped local and example files', () => {
    for (const file of ['config/local.yaml', 'config/example.yaml']) {
      expect(() => parseConfig(readFileSync(file, 'utf8'), file)).not.toThrow();
    }
  });

  it('names the field that is wrong', () => {
    expect(errorOf(VALID.replace('newswatch@example.com', 'not-an-email'))).toMatch(
      /^test\.yaml: .*alerts\.from: /,
    );
    expect(errorOf(VALID.replace('id: wire', 'id: "Bad Id"'))).toContain('feeds[0].id');
    expect(errorOf(`${VALID}\nschedule: every hour\n`)).toContain(
      'schedule: expected rate(N minutes|hours|days)',
    );
  });

  it('rejects a topic query that does not parse, naming the topic', () => {
    expect(errorOf(VALID.replace("'Japan AND defense'", "'Japan AND (defense'"))).toMatch(
      /^test\.yaml: invalid configuration: .*Japan/,
    );
  });

  it('rejects unknown keys instead of ignoring them', () => {
    expect(errorOf(`${VALID}\nfeedz: []\n`)).toContain('feedz');
  });

  it('rejects duplicate feed ids', () => {
    const text = VALID.replace(
      "  - { id: wire, url: 'https://example.com/rss.xml' }",
      "  - { id: wire, url: 'https://example.com/a.xml' }\n  - { id: wire, url: 'https://example.com/b.xml' }",
    );
    expect(errorOf(text)).toContain('feeds[1].id: duplicate feed id "wire"');
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(errorOf('feeds: [')).toMatch(/^test\.yaml: not valid YAML/);
  });
});

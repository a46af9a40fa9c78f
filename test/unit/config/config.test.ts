import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deploymentProblems, placeholderWarnings } from '../../../lambdas/core/config/deployment.ts';
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

  it('refuses feed URLs that are not http or https at load, not at fetch time', () => {
    expect(errorOf(VALID.replace('https://example.com/rss.xml', 'file:///etc/passwd'))).toContain(
      'feeds[0].url: only http and https feeds: file:///etc/passwd',
    );
    expect(errorOf(VALID.replace('https://example.com/rss.xml', 'not a url'))).toContain('feeds[0].url');
  });

  it('keeps the schedule within what EventBridge and the local runner accept', () => {
    expect(errorOf(`${VALID}\nschedule: rate(0 minutes)\n`)).toContain('schedule: rate(0 minutes)');
    expect(errorOf(`${VALID}\nschedule: rate(1 minutes)\n`)).toContain('rate(1 minute)');
    expect(errorOf(`${VALID}\nschedule: rate(30 days)\n`)).toContain('at most once a week');
    expect(parseConfig(`${VALID}\nschedule: rate(1 hour)\n`, 'test.yaml').schedule).toBe('rate(1 hour)');
  });

  it('refuses an allowPrivate entry that is not an address or CIDR', () => {
    expect(errorOf(`${VALID.replace('fetch: {', 'fetch: { allowPrivate: [banana, 10.0.0.0/33],')}`)).toBe(
      [
        'test.yaml: invalid configuration: fetch.allowPrivate[0]: not an IP address or CIDR: banana',
        'test.yaml: invalid configuration: fetch.allowPrivate[1]: bad prefix length in 10.0.0.0/33',
      ].join('\n'),
    );
  });

  it('validates the operations email', () => {
    expect(errorOf(`${VALID}\noperations: { email: ops }\n`)).toContain('operations.email');
  });

  it('lists every problem, one line each, the query errors included', () => {
    const text = VALID.replace('https://example.com/rss.xml', 'ftp://example.com/rss.xml')
      .replace('newswatch@example.com', 'nobody')
      .replace("'Japan AND defense'", "'Japan AND (defense'");
    const lines = errorOf(text).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('feeds[0].url: only http and https feeds');
    expect(lines[1]).toContain('alerts.from: ');
    expect(lines[2]).toMatch(/^test\.yaml: invalid configuration: .*Japan/);
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(errorOf('feeds: [')).toMatch(/^test\.yaml: not valid YAML/);
  });
});

describe('configuration for a deployment', () => {
  it('warns about every placeholder domain left from the example', () => {
    const config = parseConfig(VALID.replace('desk@example.com', 'desk@news.example.net'), 'test.yaml');
    expect(placeholderWarnings(config).map((w) => w.split(':')[0])).toEqual([
      'alerts.from',
      'fetch.contactUrl',
      'topics[0].recipients[0]',
      'feeds[0].url',
    ]);
    const real = VALID.replaceAll('example.com', 'newsroom.jp');
    expect(placeholderWarnings(parseConfig(real, 'test.yaml'))).toEqual([]);
  });

  it('refuses the local sample outlets, which AWS cannot reach', () => {
    const config = parseConfig(readFileSync('config/local.yaml', 'utf8'), 'local.yaml');
    expect(deploymentProblems(config)[0]).toMatch(/^feeds\[0\]\.url: \{\{samples\}\}/);
    expect(deploymentProblems(parseConfig(VALID, 'test.yaml'))).toEqual([]);
  });

  it('keeps the deployment file, with its recipients, out of git', () => {
    expect(execFileSync('git', ['check-ignore', 'config/newswatch.yaml'], { encoding: 'utf8' }).trim()).toBe(
      'config/newswatch.yaml',
    );
  });
});

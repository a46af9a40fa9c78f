import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tagCommand } from '../../../lambdas/cli/commands/tag.ts';
import { topicsCommand } from '../../../lambdas/cli/commands/topics.ts';
import { type CliIO, InputError, UsageError } from '../../../lambdas/cli/io.ts';

const CONFIG = `
feeds:
  - id: example
    url: https://example.com/feed.xml
aliases:
  rubio: '"Marco Rubio" OR Rubio'
topics:
  - name: Japan defense
    query: Japan AND defen*
    recipients: [desk@example.com]
  - name: Rubio
    query: '@rubio NOT title:poll'
`;

let dir: string;
let out: string[];
let err: string[];
let io: CliIO;

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return name;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newswatch-topics-'));
  out = [];
  err = [];
  io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir };
});

describe('newswatch tag', () => {
  it('prints one {id, topics} line per item in input order, reading only aliases and topics from the file', async () => {
    const topics = write('config.yaml', CONFIG);
    const items = write(
      'items.jsonl',
      [
        JSON.stringify({ id: 'a', title: 'Poll: Rubio leads', text: 'Japan boosts defence.' }),
        '',
        JSON.stringify({ id: 'b', title: 'Weather', text: 'Sunny.' }),
        JSON.stringify({
          id: 'c',
          title: 'Marco Rubio in Japan',
          text: 'Talks on defense.',
          url: 'https://x.test/c',
        }),
      ].join('\n'),
    );
    expect(await tagCommand(['--topics', topics, '--in', items], io)).toBe(0);
    expect(out.join('')).toBe(
      [
        '{"id":"a","topics":["Japan defense"]}',
        '{"id":"b","topics":[]}',
        '{"id":"c","topics":["Japan defense","Rubio"]}',
        '',
      ].join('\n'),
    );
  });

  it('matches a raw page on its main text, not on its sidebar', async () => {
    const topics = write('t.yaml', 'topics:\n  - name: Taiwan\n    query: Taiwan\n');
    const paragraph = 'The defence ministry in Tokyo published its annual budget request on Friday morning. ';
    const html = `<html><head><title>Budget</title></head><body>
      <aside><h3>Related Articles</h3><ul><li><a href="/t">Taiwan election results</a></li></ul></aside>
      <article><h1>Budget</h1><p>${paragraph.repeat(6)}</p><p>${paragraph.repeat(6)}</p></article></body></html>`;
    const items = write('pages.jsonl', `${JSON.stringify({ id: 'p', title: 'Budget', html })}\n`);
    expect(await tagCommand(['--topics', topics, '--in', items], io)).toBe(0);
    expect(out.join('')).toBe('{"id":"p","topics":[]}\n');
  });

  it('adds terms, fields and snippet with --explain', async () => {
    const topics = write('t.yaml', 'topics:\n  - name: Taiwan\n    query: Taiwan\n');
    const items = write('i.jsonl', `${JSON.stringify({ id: 1, title: 'Taiwan votes', text: '' })}\n`);
    expect(await tagCommand(['--topics', topics, '--in', items, '--explain'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({
      id: '1',
      topics: ['Taiwan'],
      hits: [{ topic: 'Taiwan', terms: ['taiwan'], fields: ['title'], snippet: 'Taiwan votes' }],
    });
  });

  it('names the line of a malformed item', async () => {
    const topics = write('config.yaml', CONFIG);
    const items = write('bad.jsonl', `${JSON.stringify({ id: 'a', title: 'ok' })}\n{"id": "b", "title": \n`);
    await expect(tagCommand(['--topics', topics, '--in', items], io)).rejects.toThrow(
      new InputError(`${join(dir, 'bad.jsonl')} line 2: not valid JSON`),
    );
    expect(out).toEqual([]);
  });

  it('names the line and field of an item without a title', async () => {
    const topics = write('config.yaml', CONFIG);
    const items = write('bad.jsonl', `\n${JSON.stringify({ id: 'a' })}\n`);
    await expect(tagCommand(['--topics', topics, '--in', items], io)).rejects.toThrow(/line 2: title: /);
  });

  it('rejects missing flags as bad usage', async () => {
    await expect(tagCommand(['--in', 'x.jsonl'], io)).rejects.toBeInstanceOf(UsageError);
  });

  it('reports an invalid query as an input error naming topic and position', async () => {
    const topics = write('t.yaml', 'topics:\n  - name: Broken\n    query: "Japan AND"\n');
    const items = write('i.jsonl', '');
    await expect(tagCommand(['--topics', topics, '--in', items], io)).rejects.toThrow(
      new InputError(
        'topic "Broken": at position 10, expected a term, phrase or group before the end of the query',
      ),
    );
  });
});

describe('newswatch topics check', () => {
  it('prints each topic with its normalised query', async () => {
    const file = write('config.yaml', CONFIG);
    expect(await topicsCommand(['check', file], io)).toBe(0);
    expect(out.join('')).toBe(
      'Japan defense: japan AND defen*\nRubio: ("marco rubio" OR rubio) AND NOT title:poll\n',
    );
    expect(err.join('')).toBe('2 topics OK\n');
  });

  it('rejects a file with an invalid recipient, naming the field', async () => {
    const file = write(
      'bad.yaml',
      'topics:\n  - name: A\n    query: Japan\n    recipients: [desk@example.com, not-an-email]\n',
    );
    await expect(topicsCommand(['check', file], io)).rejects.toThrow(/topics\[0\]\.recipients\[1\]: /);
  });

  it('rejects a misspelt topic key', async () => {
    const file = write('bad.yaml', 'topics:\n  - name: A\n    query: Japan\n    recipient: [a@b.c]\n');
    await expect(topicsCommand(['check', file], io)).rejects.toThrow(
      /topics\[0\]: Unrecognized key: "recipient"/,
    );
  });

  it('rejects an unknown alert mode', async () => {
    const file = write('bad.yaml', 'topics:\n  - name: A\n    query: Japan\n    alert: weekly\n');
    await expect(topicsCommand(['check', file], io)).rejects.toThrow(/topics\[0\]\.alert: Invalid option/);
  });

  it('rejects duplicate topic names', async () => {
    const file = write('dup.yaml', 'topics:\n  - name: A\n    query: Japan\n  - name: A\n    query: Korea\n');
    await expect(topicsCommand(['check', file], io)).rejects.toThrow(
      /topics\[1\]\.name: duplicate topic name "A"/,
    );
  });

  it('reports YAML syntax errors and missing files as input errors', async () => {
    const file = write('broken.yaml', 'topics: [\n');
    await expect(topicsCommand(['check', file], io)).rejects.toThrow(/broken\.yaml is not valid YAML/);
    await expect(topicsCommand(['check', 'missing.yaml'], io)).rejects.toThrow(/cannot read topics file/);
  });

  it('rejects other subcommands as bad usage', async () => {
    await expect(topicsCommand(['list'], io)).rejects.toBeInstanceOf(UsageError);
  });
});

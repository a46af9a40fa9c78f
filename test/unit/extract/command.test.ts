import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCommand } from '../../../lambdas/cli/commands/extract.ts';
import { type CliIO, InputError, UsageError } from '../../../lambdas/cli/io.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'newswatch-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ARTICLE = [
  'The ferry operator on the Skarn islands said on Monday that winter crossings will resume next week after the new pier passed its safety inspection.',
  'Islanders have relied on a single small boat since October, when a storm damaged the old pier and cut the main route to the mainland for six weeks.',
  'The operator said timetables will return to normal by the end of the month, and that fares will stay at last year’s level until the spring.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');
const PAGE = `<html lang="sv"><head><title>Ferries return</title><meta name="author" content="Lena Holm">
<meta property="article:published_time" content="2025-01-13T08:00:00+01:00"></head>
<body><article>${ARTICLE}</article><div class="newsletter"><p>Sign up for island news</p></div></body></html>`;

function io(): CliIO & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (text) => out.push(text), stderr: () => undefined, cwd: dir };
}

function write(name: string, lines: string[]): string {
  writeFileSync(path.join(dir, name), lines.join('\n'));
  return name;
}

describe('newswatch extract', () => {
  it('prints one JSON line per page, with null for what the page does not say', async () => {
    const file = write('pages.jsonl', [
      JSON.stringify({ id: 'a', url: 'https://news.example/ferries', html: PAGE }),
      '',
      JSON.stringify({ id: 'b', url: 'https://news.example/empty', html: '<html><body></body></html>' }),
    ]);
    const cli = io();
    expect(await extractCommand(['--in', file], cli)).toBe(0);
    const rows = cli.out
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0])).toEqual(['id', 'title', 'text', 'byline', 'published', 'lang']);
    expect(rows[0]).toMatchObject({
      id: 'a',
      title: 'Ferries return',
      byline: 'Lena Holm',
      published: '2025-01-13T07:00:00.000Z',
      lang: 'sv',
    });
    expect(rows[0].text).toContain('winter crossings will resume next week');
    expect(rows[0].text).not.toContain('Sign up for island news');
    expect(rows[1]).toEqual({ id: 'b', title: null, text: '', byline: null, published: null, lang: null });
  });

  it('names the malformed line', async () => {
    const file = write('bad.jsonl', [JSON.stringify({ id: 'a', html: PAGE }), '{"id": "b", "html": ']);
    await expect(extractCommand(['--in', file], io())).rejects.toThrow(/bad\.jsonl line 2: not JSON/);
    await expect(extractCommand(['--in', file], io())).rejects.toBeInstanceOf(InputError);
  });

  it('names a line without html', async () => {
    const file = write('nohtml.jsonl', [JSON.stringify({ id: 'a', url: 'https://news.example/' })]);
    await expect(extractCommand(['--in', file], io())).rejects.toThrow(
      /nohtml\.jsonl line 1: "html" must be a string/,
    );
  });

  it('requires --in and reports a missing file as input error', async () => {
    await expect(extractCommand([], io())).rejects.toBeInstanceOf(UsageError);
    await expect(extractCommand(['--in', 'missing.jsonl'], io())).rejects.toBeInstanceOf(InputError);
  });
});

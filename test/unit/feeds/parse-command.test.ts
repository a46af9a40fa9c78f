import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../lambdas/cli/commands/parse.ts';
import { type CliIO, UsageError } from '../../../lambdas/cli/io.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));

function io(): CliIO & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: () => undefined, cwd: fixtures };
}

describe('newswatch parse', () => {
  it('prints one JSON line per file and keeps going past bad files', async () => {
    const cli = io();
    const code = await parseCommand(['rss2.xml', 'missing.xml', 'html-page.html', 'jsonfeed10.json'], cli);
    expect(code).toBe(1);
    const lines = cli.out
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.ok, l.error?.kind])).toEqual([
      ['rss2.xml', true, undefined],
      ['missing.xml', false, 'unreadable'],
      ['html-page.html', false, 'not-a-feed'],
      ['jsonfeed10.json', true, undefined],
    ]);
    expect(lines[0].feed.title).toBe('Harbour Gazette');
    expect(lines[0].items).toHaveLength(3);
    expect(lines[2].feed).toBeNull();
    expect(lines[2].items).toEqual([]);
  });

  it('normalises items against --url and caps them with --max-items', async () => {
    const cli = io();
    const code = await parseCommand(
      ['rss2.xml', '--url', 'https://news.example.org/feed.xml', '--max-items', '2'],
      cli,
    );
    expect(code).toBe(0);
    const line = JSON.parse(cli.out.join(''));
    expect(line.feed.droppedItems).toBe(1);
    expect(line.items.map((a: { url: string }) => a.url)).toEqual([
      'https://news.example.org/2025/07/ferry-strike-ends',
      'https://news.example.org/2025/07/budget-vote',
    ]);
    expect(line.items[0].outlet).toBe('Harbour Gazette');
  });

  it('prints raw items with --raw', async () => {
    const cli = io();
    await parseCommand(['atom03.xml', '--raw'], cli);
    const line = JSON.parse(cli.out.join(''));
    expect(line.items[0].summary).toBe('Base64 summary');
    expect(line.items[0].id).toBeUndefined();
  });

  it('rejects a call without files or with a bad --max-items', async () => {
    await expect(parseCommand([], io())).rejects.toBeInstanceOf(UsageError);
    await expect(parseCommand(['rss2.xml', '--max-items', '0'], io())).rejects.toBeInstanceOf(UsageError);
  });
});

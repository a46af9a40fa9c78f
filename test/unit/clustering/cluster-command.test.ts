import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterCommand } from '../../../lambdas/cli/commands/cluster.ts';
import { InputError, UsageError } from '../../../lambdas/cli/io.ts';
import { byId } from './fixtures.ts';

async function run(jsonl: string, extra: string[] = []) {
  const dir = await mkdtemp(path.join(tmpdir(), 'nw-cluster-'));
  await writeFile(path.join(dir, 'in.jsonl'), jsonl);
  let stdout = '';
  const code = await clusterCommand(['--in', 'in.jsonl', ...extra], {
    stdout: (t) => (stdout += t),
    stderr: () => {},
    cwd: dir,
  });
  return { code, stdout, dir };
}

function line(id: string, fields: Record<string, unknown> = {}): string {
  const { title, text, published, url } = byId(id);
  return JSON.stringify({ id, title, text, published, url, ...fields });
}

/** The fixture as an outlet's page: headline and paragraphs in an article, `head` in the head. */
function page(id: string, head = ''): string {
  const { title, text } = byId(id);
  const paragraphs = text
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('');
  return `<html><head>${head}</head><body><article><h1>${title}</h1>${paragraphs}</article></body></html>`;
}

describe('newswatch cluster', () => {
  it('prints one {id, storyId} line per input line, in input order', async () => {
    const { code, stdout } = await run(
      `${line('storm')}\n\n${line('tram-wire')}\n${line('storm-rewrite')}\n`,
    );
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['storm', 'tram-wire', 'storm-rewrite']);
    expect(Object.keys(rows[0])).toEqual(['id', 'storyId']);
    expect(rows[2].storyId).toBe(rows[0].storyId);
    expect(rows[1].storyId).not.toBe(rows[0].storyId);
  });

  it('writes to --out instead of stdout', async () => {
    const { stdout, dir } = await run(`${line('storm')}\n`, ['--out', 'out.jsonl']);
    expect(stdout).toBe('');
    expect(JSON.parse(await readFile(path.join(dir, 'out.jsonl'), 'utf8'))).toMatchObject({ id: 'storm' });
  });

  it('ignores unknown fields and reads text out of html when no text is given', async () => {
    const htmlLine = JSON.stringify({
      id: 'h',
      html: page('storm'),
      published: byId('storm').published,
      feed: 'x',
    });
    const { stdout } = await run(`${line('storm-rewrite')}\n${htmlLine}\n`);
    const [a, b] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(b.storyId).toBe(a.storyId);
  });

  it('dates a page without "published" by the page\'s own metadata', async () => {
    const dated = (id: string) => {
      const meta = `<meta property="article:published_time" content="${byId(id).published}">`;
      return JSON.stringify({ id, html: page(id, meta) });
    };
    const { stdout } = await run(`${line('tram-wire')}\n${dated('tram-rewrite')}\n${dated('budget')}\n`);
    const [wire, rewrite, budget] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Read as published the day of the vote, the rewrite joins the wire copy; the budget review
    // three weeks later shares its names but is another event.
    expect(rewrite.storyId).toBe(wire.storyId);
    expect(budget.storyId).not.toBe(wire.storyId);
  });

  it('names the line of malformed JSON', async () => {
    await expect(run(`${line('storm')}\n{"id": "x", \n`)).rejects.toThrow(/line 2/);
    await expect(run(`${line('storm')}\n{"id": "x", \n`)).rejects.toBeInstanceOf(InputError);
  });

  it('rejects a line without an id, naming it', async () => {
    await expect(run(`${line('storm')}\n${line('tram-wire')}\n{"title":"t"}\n`)).rejects.toThrow(
      /line 3: "id" is required/,
    );
  });

  it('rejects a line that is not an object or has a bad date', async () => {
    await expect(run('[1,2]\n')).rejects.toThrow(/line 1: expected a JSON object/);
    await expect(run(line('storm', { published: 'soon' }))).rejects.toThrow(/line 1: "published"/);
  });

  it('requires --in', async () => {
    await expect(clusterCommand([], { stdout: () => {}, stderr: () => {}, cwd: '.' })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});

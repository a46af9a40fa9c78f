/**
 * `newswatch run` end to end on the sample outlets (samples/articles.yaml), through the real CLI.
 * The expected stories are the ones the fixture was written to contain: the approval story in
 * three outlets' versions, the earlier court story in two, and the Taiwan story alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CliResult, newswatch, startNewswatch, writeDemoConfig } from '../support/cli.ts';

interface StoryJson {
  id: string;
  headline: string;
  outlets: string[];
}

describe('newswatch run on the sample outlets', () => {
  let dir: string;
  let config: string;
  let first: CliResult;
  let second: CliResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-e2e-'));
    config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
    first = await newswatch(['run', '--once', '--config', config]);
    second = await newswatch(['run', '--once', '--config', config]);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mailPages = () => readdirSync(join(dir, 'data', 'mail')).filter((f) => /^\d.*\.html$/.test(f));

  it('fetches every feed and ingests every sample article once', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Feeds: 4 polled, 0 failed');
    expect(first.stdout).toContain('Items: 6 new, 0 seen, 0 edited');
  });

  it('names the command that serves the reading page, and exits', () => {
    const { webPort } = parse(readFileSync(config, 'utf8')).local;
    expect(first.stdout.trim().split('\n').at(-1)).toBe(
      `Read the stories on a page: npx newswatch serve --config ${config} (then open http://127.0.0.1:${webPort}/)`,
    );
  });

  it('groups the copies into three stories without merging the two Larkspur events', async () => {
    const out = await newswatch(['stories', '--json', '--config', config]);
    expect(out.code).toBe(0);
    const stories = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StoryJson);
    const byOutlets = stories.map((s) => [...s.outlets].sort().join(' + ')).sort();
    expect(byOutlets).toEqual([
      'Coastal Daily + Harbour Herald + Northern Wire',
      'Harbour Herald + Metro Ledger',
      'Northern Wire',
    ]);
    const approval = stories.find((s) => s.outlets.length === 3);
    expect(approval?.headline).toBe('Port authority approves $480 million Larkspur terminal expansion');
  });

  it('emails once per story and topic, not once per copy', () => {
    expect(first.stdout).toContain('Alerts sent: 3');
    const subjects = first.stdout.split('\n').filter((l) => l.trim().startsWith('→'));
    expect(subjects).toHaveLength(3);
    expect(
      subjects.filter((s) => s.includes('harbour-desk@example.com: [newswatch] Larkspur harbour:')),
    ).toHaveLength(2);
    expect(
      subjects.filter((s) => s.includes('asia-desk@example.com: [newswatch] Taiwan: Taiwan chipmaker')),
    ).toHaveLength(1);
    expect(mailPages()).toHaveLength(3);
  });

  it("prints where each mail was saved, lists every run's mails on one page, and no viewer that has stopped", () => {
    const files = first.stdout.split('\n').filter((l) => /^ {4}\/.*\.html$/.test(l));
    expect(files.map((f) => f.trim()).sort()).toEqual(
      mailPages()
        .map((f) => join(dir, 'data', 'mail', f))
        .sort(),
    );
    const index = join(dir, 'data', 'mail', 'index.html');
    expect(first.stdout).toContain(`Every mail sent by local runs, newest first: ${index}`);
    expect(first.stdout).not.toMatch(/http:\/\/127\.0\.0\.1:\d+\/?\s*$/m);
    expect(first.stdout).not.toContain('viewer');
    // Persisted: the second run sent nothing and the page still lists the first run's three.
    expect(second.stdout).toContain(`Every mail sent by local runs, newest first: ${index}`);
    expect(readFileSync(index, 'utf8').match(/<li>/g)).toHaveLength(3);
  });

  it("emails the story's headline and every outlet carrying it, earliest publisher first", () => {
    const mails = mailPages().map((f) => readFileSync(join(dir, 'data', 'mail', f), 'utf8'));
    const approval = mails.find((m) => m.includes('Carried by 3 outlets'));
    expect(approval).toContain(
      '<h1 lang="en" dir="auto">Port authority approves $480 million Larkspur terminal expansion</h1>',
    );
    expect(approval).toContain('First reported by Harbour Herald, published 2026-11-10 09:30 UTC');
    const outlets = [
      ...(approval ?? '').matchAll(
        /<li><strong>([^<]+)<\/strong> <span class="when">· ([^<]+)<\/span><br><span lang="en" dir="auto"><a href="([^"]+)">/g,
      ),
    ];
    expect(outlets.map((m) => [m[1], m[2]])).toEqual([
      ['Harbour Herald', '2026-11-10 09:30 UTC'],
      ['Northern Wire', '2026-11-10 11:05 UTC'],
      ['Coastal Daily', '2026-11-10 15:40 UTC'],
    ]);
    expect(outlets.every((m) => /^http:\/\/127\.0\.0\.1:\d+\/[a-z-]+\/articles\//.test(m[3] ?? ''))).toBe(
      true,
    );
    const court = mails.find((m) => m.includes('Court halts Larkspur expansion over dredging permits'));
    expect(court).toContain('First reported by Harbour Herald, published 2026-10-20 08:15 UTC');
    expect(court).toContain('Carried by 2 outlets');
  });

  it('tags on the article text, not on a sidebar that links to another story', async () => {
    // Asked in another case than the configuration's "Taiwan": one row per story.
    const out = await newswatch(['matches', 'taiwan', '--json', '--config', config]);
    expect(out.code).toBe(0);
    const rows = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { story: StoryJson; terms: string[] });
    // Only the chipmaker story matches, although the Coastal Daily page's sidebar names Taiwan.
    expect(rows.map((r) => [r.story.headline, r.terms])).toEqual([
      ['Taiwan chipmaker to open research centre in Calder Bay', ['taiwan']],
    ]);
  });

  it('names the configured topics when asked for one it does not have (exit 2)', async () => {
    const out = await newswatch(['matches', 'Japan', '--config', config]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'newswatch matches: no topic named "Japan"; topics: Larkspur harbour, Taiwan, Court rulings\n',
    );
  });

  it('lists the stories first seen in the last day', async () => {
    const out = await newswatch(['stories', '--since', '24h', '--config', config]);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('explains a story by outlet, headline and publish time, credited to its earliest publisher', async () => {
    const listed = await newswatch(['stories', '--json', '--config', config]);
    const court = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StoryJson)
      .find((s) => s.outlets.includes('Metro Ledger'));
    const out = await newswatch(['explain', court?.id ?? '', '--config', config]);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n').map((l) => l.trim());
    // Whichever feed was polled first, the Herald published first.
    expect(lines[0]).toBe('Court halts Larkspur expansion over dredging permits');
    expect(lines).toContain('first reported by Harbour Herald, published 2026-10-20 08:15 UTC');
    expect(lines).toContain('1. Harbour Herald · published 2026-10-20 08:15 UTC · first report');
    expect(lines).toContain('2. Metro Ledger · published 2026-10-20 13:00 UTC');
    expect(
      lines.filter((l) => /^http:\/\/127\.0\.0\.1:\d+\/harbour-herald\/articles\//.test(l)),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('started the story: '))).toHaveLength(1);
    expect(
      lines.filter((l) => /^joined: the same event as the story of (Metro Ledger|Harbour Herald): "/.test(l)),
    ).toHaveLength(1);
    // Each kind of evidence with its share of the decision, in the articles' words.
    expect(lines.some((l) => /^names: .*Larkspur.* [+-]\d+\.\d+$/.test(l))).toBe(true);
    // Items are named by outlet and headline, never by their hash.
    expect(out.stdout).not.toMatch(/\b[0-9a-f]{32}\b/);
  });

  it('lists the alerts it sent with their state', async () => {
    const out = await newswatch(['alerts', '--config', config]);
    expect(out.code).toBe(0);
    const rows = out.stdout.trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => /^sent\t.*\tsent \d{4}-\d\d-\d\d \d\d:\d\d UTC\t/.test(r))).toBe(true);
    expect(rows.filter((r) => r.includes('\tTaiwan\t'))).toHaveLength(1);
  });

  it("serves the sample outlets under serve too, so every copy's link opens its article", async () => {
    const listed = await newswatch(['stories', '--json', '--config', config]);
    const ids = listed.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as StoryJson).id);
    const copies: { url: string; title: string }[] = [];
    for (const id of ids) {
      const detail = JSON.parse((await newswatch(['explain', id, '--json', '--config', config])).stdout);
      copies.push(...(detail.members as { url: string; title: string }[]));
    }
    expect(copies).toHaveLength(6);
    const serve = startNewswatch(['serve', '--config', config]);
    try {
      await serve.waitFor(/^Stories: http:/m);
      for (const copy of copies) {
        const res = await fetch(copy.url);
        expect(res.status, copy.url).toBe(200);
        expect(await res.text()).toContain(`<h1>${copy.title.replaceAll('&', '&#38;')}</h1>`);
      }
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('finds nothing new and sends nothing on a second run', () => {
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Feeds: 4 polled, 0 failed');
    expect(second.stdout).toContain('Items: 0 new');
    expect(second.stdout).toContain('Alerts sent: 0');
  });

  it('says what --reset deletes, then starts from empty', async () => {
    const reset = await newswatch(['run', '--once', '--reset', '--config', config]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(
      `--reset deleted ${join(dir, 'data')}: stored feeds, stories, matches and alerts (dynamodb/), archived feed and page bodies (s3/), 3 saved mail(s) (mail/).`,
    );
    expect(reset.stdout).toContain('Alerts sent: 3');
  });
});

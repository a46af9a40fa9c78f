/**
 * The alert emails of `newswatch run --once`, opened in a real browser (Debian's chromium, driven
 * by playwright-core): on the local demo, and on three outlets carrying one story, one of them
 * hostile. Asserts what a reader sees (headline, outlets in publish order, links, no live script)
 * and saves a screenshot of each under test-results/browser/. CI installs chromium (.ci/run), so
 * there a missing browser fails the test; elsewhere it skips with one line.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestEntry, renderDigest } from '../../lambdas/core/alerts/digest.ts';
import { alertStory } from '../../lambdas/core/alerts/story.ts';
import { startLocal } from '../../lambdas/local/run.ts';
import { launchChromium, runBrowserTests } from '../support/chromium.ts';
import { newswatch, REPO_ROOT, writeDemoConfig } from '../support/cli.ts';

const OUTPUT = join(REPO_ROOT, 'test-results', 'browser');

const BODY =
  'Dockworkers at the Larkspur terminal began a 48-hour strike on Monday over night-shift pay, union leader ' +
  'Aisha Karimi said. "We will not unload another ship at these rates," Karimi told a rally of 600 members. ' +
  'The operator, Brightwater Logistics, said talks with the union would resume on Thursday.';

/** Three outlets, listed so that the earliest publisher is polled last; the third is hostile. */
const OUTLETS = [
  {
    id: 'gamma',
    name: 'Gamma News',
    at: '2026-11-12T11:20:00Z',
    title: 'Larkspur dockworkers walk out over pay <script>alert(1)</script>',
    link: 'javascript:alert(document.cookie)',
  },
  {
    id: 'alpha',
    name: 'Alpha Times',
    at: '2026-11-12T09:45:00Z',
    title: 'Larkspur dockworkers strike for 48 hours',
    link: '/alpha/strike',
  },
  {
    id: 'beta',
    name: 'Beta Post',
    at: '2026-11-12T08:05:00Z',
    title: 'Larkspur terminal strike: dockworkers stop work over night pay',
    link: '/beta/strike',
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rss(base: string, o: (typeof OUTLETS)[number]): string {
  const link = o.link.startsWith('/') ? `${base}${o.link}` : o.link;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(o.name)}</title><link>${base}/</link><description>x</description>
<item><title>${esc(o.title)}</title><link>${esc(link)}</link><guid isPermaLink="false">${o.id}-strike</guid><pubDate>${new Date(o.at).toUTCString()}</pubDate><description>${esc(BODY)}</description></item></channel></rss>`;
}

async function serveOutlets(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const base = `http://${req.headers.host}`;
    const outlet = OUTLETS.find((o) => req.url === `/${o.id}/rss.xml`);
    if (outlet) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(base, outlet));
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<html><body><p>${esc(BODY)}</p></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface PageView {
  headline: string;
  outlets: { outlet: string; when: string; href: string | null; title: string }[];
  hrefs: string[];
  scripts: number;
  handlers: string[];
  images: number;
}

interface Run {
  name: string;
  config: string;
  dataDir: string;
}

async function writeConfig(
  dir: string,
  name: string,
  edit: (c: Record<string, unknown>) => void,
): Promise<Run> {
  const dataDir = join(dir, name);
  return { name, config: await writeDemoConfig(join(dir, `${name}.yaml`), dataDir, edit), dataDir };
}

const mailsOf = (run: Run) =>
  readdirSync(join(run.dataDir, 'mail'))
    .filter((f) => /^\d.*\.html$/.test(f))
    .map((f) => join(run.dataDir, 'mail', f));

describe.skipIf(!runBrowserTests)('alert emails in a real browser', () => {
  let dir: string;
  let browser: BrowserContext;
  let outlets: { server: Server; base: string };
  const runs: Run[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-browser-'));
    rmSync(OUTPUT, { recursive: true, force: true });
    mkdirSync(OUTPUT, { recursive: true });
    outlets = await serveOutlets();
    runs.push(await writeConfig(dir, 'demo', () => {}));
    runs.push(
      await writeConfig(dir, 'three-outlets', (c) => {
        c.feeds = OUTLETS.map((o) => ({ id: o.id, url: `${outlets.base}/${o.id}/rss.xml`, outlet: o.name }));
        c.aliases = {};
        c.topics = [
          {
            name: 'Larkspur labour',
            query: 'Larkspur AND (strike OR dockworkers)',
            recipients: ['desk@example.com'],
          },
        ];
      }),
    );
    for (const run of runs) {
      const out = await newswatch(['run', '--once', '--config', run.config]);
      expect(out.code, out.stderr).toBe(0);
    }
    // A fresh profile each run; playwright passes it to chromium as --user-data-dir.
    browser = await launchChromium(mkdtempSync(join(tmpdir(), 'newswatch-chromium-')), {
      width: 420,
      height: 900,
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => outlets?.server.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** What a reader sees in one email, and a screenshot of it. */
  async function open(file: string, shot: string) {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    // Runs in the page: a string, because the project's types do not include the DOM.
    const seen: PageView = await page.evaluate(`(() => ({
      headline: document.querySelector('h1')?.textContent ?? '',
      outlets: [...document.querySelectorAll('ol.copies > li')].map((li) => ({
        outlet: li.querySelector('strong')?.textContent ?? '',
        when: li.querySelector('.when')?.textContent ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? null,
        title: li.textContent ?? '',
      })),
      hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      ),
      images: document.images.length,
    }))()`);
    await page.screenshot({ path: join(OUTPUT, shot), fullPage: true });
    await page.close();
    return { ...seen, dialogs };
  }

  it('shows every alert of the demo run with its outlets in publish order and only web links', async () => {
    const demo = runs[0] as Run;
    const mails = mailsOf(demo);
    expect(mails).toHaveLength(3);
    for (const [i, file] of mails.entries()) {
      const seen = await open(file, `demo-${i + 1}.png`);
      expect(seen.headline.trim()).not.toBe('');
      expect(seen.outlets.length).toBeGreaterThan(0);
      const times = seen.outlets.map((o) => o.when);
      expect([...times].sort()).toEqual(times);
      expect(seen.hrefs.every((h) => /^https?:\/\//.test(h))).toBe(true);
      expect(seen).toMatchObject({ scripts: 0, handlers: [], images: 0, dialogs: [] });
    }
  });

  it('shows the three-outlet story credited to its earliest publisher, hostile copy inert', async () => {
    const [file] = mailsOf(runs[1] as Run);
    const seen = await open(file ?? '', 'three-outlets-alert.png');
    expect(seen.headline).toBe('Larkspur terminal strike: dockworkers stop work over night pay');
    expect(seen.outlets.map((o) => [o.outlet, o.when])).toEqual([
      ['Beta Post', '· 2026-11-12 08:05 UTC'],
      ['Alpha Times', '· 2026-11-12 09:45 UTC'],
      ['Gamma News', '· 2026-11-12 11:20 UTC'],
    ]);
    expect(seen.outlets.map((o) => o.href)).toEqual([
      `${outlets.base}/beta/strike`,
      `${outlets.base}/alpha/strike`,
      null,
    ]);
    expect(seen.outlets[2]?.title).toContain('Larkspur dockworkers walk out over pay');
    expect(seen).toMatchObject({ scripts: 0, handlers: [], images: 0, dialogs: [] });
  });

  it("shows a digest of the runs' stories, newest first, each with its outlet count", async () => {
    const run = runs[0] as Run;
    const env = await startLocal(run.config, { cwd: dir });
    let html: string;
    try {
      const { store } = env.container;
      const intents = (
        await Promise.all((await store.listStories({})).map((s) => store.listAlerts(s.id)))
      ).flat();
      const entries: DigestEntry[] = await Promise.all(
        intents.map(async (intent) => ({
          intent: { ...intent, mode: 'digest daily' as const, topic: 'Calder Bay' },
          story: await alertStory(store, intent),
        })),
      );
      html = renderDigest(entries, { subjectPrefix: '[newswatch]' }).html;
    } finally {
      await env.stop();
    }
    const file = join(dir, 'digest.html');
    writeFileSync(file, html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const items = await page.locator('ol.stories > li').allTextContents();
    await page.screenshot({ path: join(OUTPUT, 'digest.png'), fullPage: true });
    await page.close();
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Port authority approves $480 million Larkspur terminal expansion');
    expect(items[0]).toContain('3 outlets');
  });
});

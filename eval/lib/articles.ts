/**
 * Full-text clustering check on the Scrapinghub extraction benchmark (../shared/corpora): 181
 * articles from one week of 2019 and many sites, with their human-checked bodies. Nothing was
 * tuned on it. Each article arrives with two copies an aggregator meets in practice: another
 * outlet's syndicated copy wrapped in its own furniture (a menu, and a "Related articles" block
 * naming other articles' headlines), and a shortened copy carrying the first half of the body.
 * `gold` maps every item to the article it copies.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';
import { extractArticle } from '../../lambdas/core/extract/index.ts';

const ARTICLES_DIR = 'corpora/scrapinghub-article-extraction-benchmark';

export interface ArticleSet {
  inputs: ClusterInput[];
  gold: Map<string, string>;
  originals: number;
}

interface Original {
  id: string;
  url: string;
  title: string;
  body: string;
}

const START = Date.parse('2026-03-10T08:00:00.000Z');
const MINUTE = 60_000;
const MENU = 'Home\nWorld\nBusiness\nTech\nSport\nCulture\nOpinion\nSubscribe';

export function articlesAvailable(sharedDir: string): boolean {
  return existsSync(path.join(sharedDir, ARTICLES_DIR, 'ground-truth.json'));
}

export function loadArticleSet(sharedDir: string): ArticleSet {
  const originals = loadOriginals(path.join(sharedDir, ARTICLES_DIR));
  const inputs: ClusterInput[] = [];
  const gold = new Map<string, string>();
  originals.forEach((a, i) => {
    const related = [1, 2, 3].map((k) => originals[(i + k * 37) % originals.length]?.title ?? '');
    const copies: ClusterInput[] = [
      at({ id: a.id, title: a.title, text: a.body, url: a.url, source: new URL(a.url).hostname }, i),
      at(
        {
          id: `${a.id}-syndicated`,
          title: `${a.title} | Wire Mirror`,
          text: `${MENU}\n${a.body}\nRelated articles\n${related.join('\n')}`,
          url: `https://wire-mirror.example/${a.id}`,
          source: 'wire-mirror.example',
        },
        i + 90,
      ),
      at(
        {
          id: `${a.id}-short`,
          title: a.title,
          text: firstHalf(a.body),
          url: `https://digest.example/${a.id}`,
          source: 'digest.example',
        },
        i + 150,
      ),
    ];
    for (const c of copies) {
      inputs.push(c);
      gold.set(c.id, a.id);
    }
  });
  inputs.sort((x, y) => (x.seenAt < y.seenAt ? -1 : x.seenAt > y.seenAt ? 1 : 0));
  return { inputs, gold, originals: originals.length };
}

/** One arrival a minute: all 543 items fall within one time window, the hardest case for precision. */
function at(input: Omit<ClusterInput, 'seenAt'>, minute: number): ClusterInput {
  const time = new Date(START + minute * MINUTE).toISOString();
  return { ...input, published: time, seenAt: time };
}

function loadOriginals(dir: string): Original[] {
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return Object.entries(truth)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([id, t]) => {
      const html = gunzipSync(readFileSync(path.join(dir, 'html', `${id}.html.gz`))).toString('utf8');
      const title = extractArticle(html).title;
      return t.articleBody && title ? [{ id, url: t.url ?? '', title, body: t.articleBody }] : [];
    });
}

function firstHalf(body: string): string {
  const paragraphs = body.split('\n').filter((p) => p.trim() !== '');
  return paragraphs.slice(0, Math.max(1, Math.ceil(paragraphs.length / 2))).join('\n');
}

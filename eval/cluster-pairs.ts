/**
 * What separates look-alike events: `npx tsx eval/cluster-pairs.ts`.
 *
 * On ECB+ (two real events of one kind per topic, full text, no dates), for every pair of
 * articles of one topic: how alike same-event pairs and look-alike pairs are, per topic, by the
 * engine's fingerprint cosine; then a logistic pair model over per-kind similarities (names,
 * other words, figures, the year the text names most, shared quotations), fitted on the tuning
 * topics' pairs only, and clustered two ways: greedy online (mean pair probability with a story's
 * members, as an online engine can) and batch average-link (an upper bound no online engine
 * beats). The idf is the file's own, the best a background prior could give. Research figures
 * for the story engine, not the engine's own: `eval/cluster.ts` reports those.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1a } from '../lambdas/core/clustering/hash.ts';
import { type EcbArticle, ecbplusAvailable, loadEcbplus } from './lib/ecbplus.ts';
import { formatScores, score } from './lib/metrics.ts';
import {
  fitLogistic,
  PAIR_FEATURES,
  type PairDoc,
  pairDocs,
  pairFeatures,
  predict,
} from './lib/pair-model.ts';

const sharedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');

/** The same split as eval/cluster.ts. */
const isTuningTopic = (topic: string) => fnv1a(`ecb:${topic}`) % 2 === 0;

interface Article {
  doc: PairDoc;
  story: string;
  topic: string;
}

/**
 * Pairs of one topic, and with `acrossEvery` one pair in that many of different topics: the
 * model must also learn that unrelated articles are apart.
 */
function topicPairs(
  set: readonly Article[],
  visit: (a: Article, b: Article) => void,
  acrossEvery = Number.POSITIVE_INFINITY,
): void {
  for (let i = 0; i < set.length; i++)
    for (let j = i + 1; j < set.length; j++) {
      const a = set[i] as Article;
      const b = set[j] as Article;
      if (a.topic === b.topic || (i * 7 + j) % acrossEvery === 0) visit(a, b);
    }
}

/** Unrelated pairs outnumber a topic's pairs some forty to one; one in eight keeps them in view. */
const ACROSS_TOPICS_SAMPLE = 8;

function separation(all: readonly Article[]): void {
  console.log('\n== mean fingerprint cosine per topic: same event vs the look-alike event');
  const topics = [...new Set(all.map((a) => a.topic))];
  const rows = topics.map((topic) => {
    const sums = { same: [0, 0], other: [0, 0] };
    topicPairs(
      all.filter((a) => a.topic === topic),
      (a, b) => {
        const s = a.story === b.story ? sums.same : sums.other;
        s[0] = (s[0] ?? 0) + (pairFeatures(a.doc, b.doc)[1] ?? 0);
        s[1] = (s[1] ?? 0) + 1;
      },
    );
    const mean = (s: number[]) => (s[0] ?? 0) / (s[1] || 1);
    return { topic, same: mean(sums.same), other: mean(sums.other) };
  });
  for (const r of rows)
    console.log(`topic ${r.topic.padStart(2)}: same ${r.same.toFixed(2)}  look-alike ${r.other.toFixed(2)}`);
  const close = rows.filter((r) => r.other >= 0.7 * r.same).map((r) => r.topic);
  console.log(
    `topics whose look-alike pairs are at least 0.7 as alike as same-event pairs: ${close.join(' ')}`,
  );
}

function online(set: readonly Article[], w: readonly number[], threshold: number): Map<string, string> {
  const out = new Map<string, string>();
  const stories = new Map<string, Article[]>();
  for (const a of set) {
    let best = '';
    let bestScore = -1;
    for (const [id, members] of stories) {
      const s = members.reduce((sum, m) => sum + predict(w, pairFeatures(a.doc, m.doc)), 0) / members.length;
      if (s > bestScore) [best, bestScore] = [id, s];
    }
    const story = bestScore >= threshold ? best : a.doc.id;
    stories.set(story, [...(stories.get(story) ?? []), a]);
    out.set(a.doc.id, story);
  }
  return out;
}

function averageLink(set: readonly Article[], w: readonly number[], threshold: number): Map<string, string> {
  const n = set.length;
  const sim = set.map((a) => set.map((b) => (a === b ? -1 : predict(w, pairFeatures(a.doc, b.doc)))));
  const members = set.map((_, i) => [i]);
  const alive = new Array<boolean>(n).fill(true);
  for (;;) {
    let [bi, bj, best] = [-1, -1, threshold];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n && alive[i]; j++)
        if (alive[j] && (sim[i]?.[j] ?? -1) > best) [bi, bj, best] = [i, j, sim[i]?.[j] ?? -1];
    if (bi < 0) break;
    const [a, b] = [members[bi] ?? [], members[bj] ?? []];
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi || k === bj) continue;
      const v = ((sim[bi]?.[k] ?? 0) * a.length + (sim[bj]?.[k] ?? 0) * b.length) / (a.length + b.length);
      (sim[bi] as number[])[k] = v;
      (sim[k] as number[])[bi] = v;
    }
    members[bi] = [...a, ...b];
    alive[bj] = false;
  }
  const out = new Map<string, string>();
  members.forEach((m, i) => {
    if (alive[i]) for (const k of m) out.set(set[k]?.doc.id ?? '', String(i));
  });
  return out;
}

function pairModel(all: readonly Article[]): void {
  const tuning = all.filter((a) => isTuningTopic(a.topic));
  const x: number[][] = [];
  const y: number[] = [];
  topicPairs(
    tuning,
    (a, b) => {
      x.push(pairFeatures(a.doc, b.doc));
      y.push(a.story === b.story ? 1 : 0);
    },
    ACROSS_TOPICS_SAMPLE,
  );
  const w = fitLogistic(x, y);
  console.log(`\n== pair model fitted on ${x.length} pairs of the tuning topics (and a sample across them)`);
  console.log(PAIR_FEATURES.map((f, k) => `${f} ${(w[k] ?? 0).toFixed(2)}`).join(', '));
  const sets = [
    ['tuning', tuning],
    ['held-out', all.filter((a) => !isTuningTopic(a.topic))],
    ['all', all],
  ] as const;
  for (const threshold of [0.3, 0.4, 0.5]) {
    for (const [label, set] of sets) {
      const gold = new Map(set.map((a) => [a.doc.id, a.story]));
      console.log(
        formatScores(`online, p >= ${threshold}, ${label}`, score(online(set, w, threshold), gold)),
      );
      console.log(
        formatScores(
          `average-link, p >= ${threshold}, ${label}`,
          score(averageLink(set, w, threshold), gold),
        ),
      );
    }
  }
}

export function main(): void {
  if (!existsSync(sharedDir) || !ecbplusAvailable(sharedDir)) {
    console.log('skipping pair analysis: ../shared/corpora/ecbplus-train is absent');
    return;
  }
  const loaded: EcbArticle[] = loadEcbplus(sharedDir, '2026-03-10T08:00:00.000Z');
  const docs = pairDocs(loaded.map((a) => ({ id: a.input.id, title: a.input.title, text: a.input.text })));
  const all = loaded.map((a, i) => ({ doc: docs[i] as PairDoc, story: a.story, topic: a.topic }));
  separation(all);
  pairModel(all);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

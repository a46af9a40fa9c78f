/**
 * The labelled dev sets the same-event model is fitted and checked on, as streams of items with
 * their gold story: ECB+ (look-alike events, grouped by topic), SemEval-2022 Task 8 English pairs
 * (ordinary news), and the UCI headlines. Read by path from ../shared; never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fnv1a } from '../../lambdas/core/clustering/fingerprint/hash.ts';
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';
import { ecbplusAvailable, loadEcbplus } from './ecbplus.ts';
import { headlineInput, loadUci, UCI_DIR } from './uci.ts';

export interface Labelled {
  input: ClusterInput;
  /** Gold story. */
  story: string;
  /** The unit folds are drawn by: an ECB+ topic, a SemEval pair, a UCI story. */
  group: string;
}

export interface Pair {
  a: string;
  b: string;
  same: boolean;
  group: string;
}

/** Undated input takes one ingestion time, as `newswatch cluster` gives it. */
export const UNDATED_SEEN_AT = '2026-03-10T08:00:00.000Z';
const SEMEVAL_FILE = 'corpora/semeval2022-en-train/pairs.jsonl';

export function devSetsAvailable(sharedDir: string): boolean {
  return (
    ecbplusAvailable(sharedDir) &&
    existsSync(path.join(sharedDir, SEMEVAL_FILE)) &&
    existsSync(path.join(sharedDir, UCI_DIR))
  );
}

export function ecbStream(sharedDir: string): Labelled[] {
  return loadEcbplus(sharedDir, UNDATED_SEEN_AT).map((a) => ({
    input: a.input,
    story: a.story,
    group: a.topic,
  }));
}

interface SemevalRow {
  pair_id: string;
  label: 'same' | 'different' | 'between';
  a: { id: string; text: string };
  b: { id: string; text: string };
}

/**
 * All articles of the pairs in file order (an article in two pairs comes once), and the scored
 * pairs. The scraped text starts with the headline, unmarked: it goes in as text with no title.
 * Gold stories for teacher forcing: each article its own, but the second of a "same" pair
 * takes the first's; articles of different pairs are taken as different stories.
 */
export function semevalStream(sharedDir: string): { items: Labelled[]; pairs: Pair[] } {
  const rows = readFileSync(path.join(sharedDir, SEMEVAL_FILE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SemevalRow);
  const items = new Map<string, Labelled>();
  const pairs: Pair[] = [];
  for (const row of rows) {
    const group = `se:${row.pair_id}`;
    for (const side of [row.a, row.b]) {
      if (items.has(side.id)) continue;
      const story =
        side === row.b && row.label === 'same' ? (items.get(row.a.id)?.story ?? row.a.id) : side.id;
      const input = { id: side.id, title: headlineOf(side.text), text: side.text, seenAt: UNDATED_SEEN_AT };
      items.set(side.id, { input, story, group });
    }
    if (row.label !== 'between') pairs.push({ a: row.a.id, b: row.b.id, same: row.label === 'same', group });
  }
  return { items: [...items.values()], pairs };
}

const HEADLINE_WORDS = 12;

/** The text's first sentence, at most HEADLINE_WORDS words. */
function headlineOf(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? '';
  return sentence.split(/\s+/).slice(0, HEADLINE_WORDS).join(' ');
}

/** UCI headlines in time order, halved by a hash of the story as eval/cluster.ts halves them. */
export function uciStream(sharedDir: string): { tuning: Labelled[]; held: Labelled[] } {
  const all = loadUci(sharedDir).map((h) => ({
    input: headlineInput(h),
    story: h.story,
    group: `uci:${h.story}`,
  }));
  const tuningHalf = (l: Labelled) => fnv1a(l.story) % 2 === 0;
  return { tuning: all.filter(tuningHalf), held: all.filter((l) => !tuningHalf(l)) };
}

/** Deterministic shuffle (mulberry32), so a reported figure can be reproduced. */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Fold of a group: `folds` parts by a hash of the group, so a topic's two events stay together. */
export function foldOf(group: string, folds: number): number {
  return fnv1a(`fold:${group}`) % folds;
}

/** Pair precision, recall and F1 of "same story" over the scored pairs. */
export function pairScores(partition: ReadonlyMap<string, string>, pairs: readonly Pair[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const together = partition.get(p.a) !== undefined && partition.get(p.a) === partition.get(p.b);
    if (together && p.same) tp++;
    else if (together) fp++;
    else if (p.same) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/**
 * A pair model for research on look-alike events: per-kind similarities of two articles, and a
 * logistic regression over them. Not used by the engine; `eval/cluster-pairs.ts` measures how far
 * such a model separates events that a single cosine cannot.
 */
import { type Fingerprint, fingerprint } from '../../lambdas/core/clustering/features.ts';
import { DEFAULT_OPTIONS } from '../../lambdas/core/clustering/options.ts';
import { cleanText, scan } from '../../lambdas/core/clustering/text.ts';

export interface PairDoc {
  id: string;
  /** Unit vectors per kind: every feature, names, other words, figures. */
  all: Map<string, number>;
  names: Map<string, number>;
  words: Map<string, number>;
  figures: Map<string, number>;
  quotes: Set<string>;
  year?: string;
}

export const PAIR_FEATURES = [
  'bias',
  'cosine',
  'names',
  'words',
  'figures',
  'same year',
  'other year',
  'quotes',
] as const;

const YEAR = /(?<![\d.,$£€])(19[5-9]\d|20[0-4]\d)(?![\d%])/g;

/** Documents with idf over the set itself: the upper bound a good background prior would reach. */
export function pairDocs(inputs: readonly { id: string; title: string; text: string }[]): PairDoc[] {
  const fps = inputs.map((i) => fingerprint(i.title, i.text, DEFAULT_OPTIONS.features));
  const df = new Map<string, number>();
  for (const fp of fps) for (const f of new Set(fp.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const idf = (f: string) => Math.log((inputs.length + 20) / ((df.get(f) ?? 0) + 1));
  return inputs.map((input, i) => toPairDoc(input, fps[i] as Fingerprint, idf));
}

function toPairDoc(
  input: { id: string; title: string; text: string },
  fp: Fingerprint,
  idf: (f: string) => number,
): PairDoc {
  const names = writtenAsNames(
    `${input.title}\n${cleanText(input.text, DEFAULT_OPTIONS.features.leadWords)}`,
  );
  const kinds = { all: new Map<string, number>(), names: new Map(), words: new Map(), figures: new Map() };
  fp.features.forEach((f, i) => {
    const w = (fp.local[i] ?? 0) * idf(f);
    kinds.all.set(f, w);
    if (f.startsWith('e:') || names.has(f)) kinds.names.set(f, w);
    else if (f.startsWith('w:')) kinds.words.set(f, w);
    else if (f.startsWith('n:')) kinds.figures.set(f, w);
  });
  const year = mostFrequent([...`${input.title}\n${input.text}`.matchAll(YEAR)].map((m) => m[1] ?? ''));
  return {
    id: input.id,
    all: unit(kinds.all),
    names: unit(kinds.names),
    words: unit(kinds.words),
    figures: unit(kinds.figures),
    quotes: new Set(fp.features.filter((f) => f.startsWith('q:'))),
    ...(year ? { year } : {}),
  };
}

/** Words the text writes with a capital mid-sentence at least half the times it writes them. */
function writtenAsNames(text: string): Set<string> {
  const seen = new Map<string, [number, number]>();
  scan(text, (term, proper) => {
    const n = seen.get(term.key) ?? [0, 0];
    seen.set(term.key, [n[0] + (proper ? 1 : 0), n[1] + 1]);
  });
  return new Set([...seen].filter(([, [proper, all]]) => proper * 2 >= all).map(([key]) => key));
}

/** The most frequent value, the later one on a tie. */
function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [v, n] of counts)
    if (n > most || (n === most && best !== undefined && v > best)) [best, most] = [v, n];
  return best;
}

function unit(m: Map<string, number>): Map<string, number> {
  let sum = 0;
  for (const v of m.values()) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  for (const [k, v] of m) m.set(k, v / norm);
  return m;
}

function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let d = 0;
  for (const [k, v] of a) d += v * (b.get(k) ?? 0);
  return d;
}

/** Values in PAIR_FEATURES order. */
export function pairFeatures(a: PairDoc, b: PairDoc): number[] {
  const dated = a.year !== undefined && b.year !== undefined;
  let quotes = 0;
  for (const q of a.quotes) if (b.quotes.has(q)) quotes++;
  return [
    1,
    dot(a.all, b.all),
    dot(a.names, b.names),
    dot(a.words, b.words),
    dot(a.figures, b.figures),
    dated && a.year === b.year ? 1 : 0,
    dated && a.year !== b.year ? 1 : 0,
    Math.min(quotes, 5) / 5,
  ];
}

/** Logistic regression by batch gradient descent with a little L2; deterministic. */
export function fitLogistic(x: readonly number[][], y: readonly number[], iterations = 3000): number[] {
  const dims = x[0]?.length ?? 0;
  const w = new Array<number>(dims).fill(0);
  const rate = 0.5;
  const l2 = 0.001;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(dims).fill(0);
    x.forEach((row, n) => {
      const error = predict(w, row) - (y[n] ?? 0);
      for (let k = 0; k < dims; k++) grad[k] = (grad[k] ?? 0) + error * (row[k] ?? 0);
    });
    for (let k = 0; k < dims; k++) w[k] = (w[k] ?? 0) - rate * ((grad[k] ?? 0) / x.length + l2 * (w[k] ?? 0));
  }
  return w;
}

export function predict(w: readonly number[], row: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < w.length; k++) z += (w[k] ?? 0) * (row[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

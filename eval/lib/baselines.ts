/**
 * Reference clusterers the eval prints beside ours. They see the items in the same order, one at
 * a time, like ours; the TF-IDF one is given idf over the whole set up front, which favours it.
 */
export interface Doc {
  id: string;
  title: string;
  url?: string;
}

export type Partition = Map<string, string>;

/** Every item its own story, except exact URL repeats (GUID/URL dedupe). */
export function singletons(docs: readonly Doc[]): Partition {
  const byUrl = new Map<string, string>();
  const out: Partition = new Map();
  for (const d of docs) {
    const key = d.url || d.id;
    const story = byUrl.get(key) ?? d.id;
    byUrl.set(key, story);
    out.set(d.id, story);
  }
  return out;
}

function trigrams(text: string): Set<string> {
  const s = `  ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** Joins the first earlier story whose first headline has trigram similarity >= threshold. */
export function titleTrigram(docs: readonly Doc[], threshold: number): Partition {
  const heads: { story: string; grams: Set<string> }[] = [];
  const out: Partition = new Map();
  for (const d of docs) {
    const grams = trigrams(d.title);
    const hit = heads.find((h) => jaccard(grams, h.grams) >= threshold);
    if (hit) out.set(d.id, hit.story);
    else {
      heads.push({ story: d.id, grams });
      out.set(d.id, d.id);
    }
  }
  return out;
}

const STOP = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with after over new says say said'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

/**
 * TF-IDF cosine with greedy centroid assignment: each item joins the story whose centroid is most
 * similar if the cosine reaches the threshold, and the centroid absorbs it.
 */
export function tfidfCentroid(docs: readonly Doc[], threshold: number): Partition {
  const df = new Map<string, number>();
  const tokenized = docs.map((d) => words(d.title));
  for (const ws of tokenized) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log(docs.length / (df.get(w) ?? 1));
  const centroids: { story: string; vec: Map<string, number>; norm: number }[] = [];
  const postings = new Map<string, number[]>();
  const out: Partition = new Map();
  docs.forEach((d, i) => {
    const vec = unit(tfidf(tokenized[i] ?? [], idf));
    const dots = new Map<number, number>();
    for (const [w, x] of vec)
      for (const c of postings.get(w) ?? [])
        dots.set(c, (dots.get(c) ?? 0) + x * (centroids[c]?.vec.get(w) ?? 0));
    let best = -1;
    let bestScore = threshold;
    for (const [c, dot] of dots) {
      const cos = dot / (centroids[c]?.norm || 1);
      if (cos >= bestScore) [best, bestScore] = [c, cos];
    }
    if (best < 0) {
      best = centroids.length;
      centroids.push({ story: d.id, vec: new Map(), norm: 0 });
    }
    const centroid = centroids[best];
    if (!centroid) return;
    for (const [w, x] of vec) {
      if (!centroid.vec.has(w)) postings.set(w, [...(postings.get(w) ?? []), best]);
      centroid.vec.set(w, (centroid.vec.get(w) ?? 0) + x);
    }
    centroid.norm = Math.sqrt([...centroid.vec.values()].reduce((s, x) => s + x * x, 0));
    out.set(d.id, centroid.story);
  });
  return out;
}

function tfidf(ws: readonly string[], idf: (w: string) => number): Map<string, number> {
  const vec = new Map<string, number>();
  for (const w of ws) vec.set(w, (vec.get(w) ?? 0) + idf(w));
  return vec;
}

function unit(vec: Map<string, number>): Map<string, number> {
  const norm = Math.sqrt([...vec.values()].reduce((s, x) => s + x * x, 0)) || 1;
  return new Map([...vec].map(([w, x]) => [w, x / norm]));
}

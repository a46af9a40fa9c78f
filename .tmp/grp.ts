import { articles, START, Vocabulary } from '../eval/lib/synthetic.ts';
import { createStoryEngine } from '../lambdas/core/clustering/index.ts';
const vocab = new Vocabulary(30_000);
const e = createStoryEngine();
const a = articles(2000, 5, 1000, vocab, { start: START });
const ids = new Set(a.map((x) => e.assign(x).storyId));
console.log('stories', ids.size, 'of', a.length, 'sample', a[0]?.title, '|', a[1]?.title, '|', a[5]?.title);
console.log(a[0]?.text.slice(0, 300));

import { articles, START, Vocabulary } from '../eval/lib/synthetic.ts';
import { createStoryStage } from '../lambdas/core/stage/stage.ts';
import { loadWindow } from '../lambdas/core/stage/window.ts';
import { compileTopics } from '../lambdas/core/topics/index.ts';
import { createMemoryJournal } from '../test/support/pipeline.ts';
const N = Number(process.argv[2] ?? 20000);
const journal = createMemoryJournal();
const store = { putStageRecords: async () => {}, createAlertIntent: async () => true, getAlert: async () => undefined } as never;
let now = START;
let stage: ReturnType<typeof createStoryStage> | undefined = createStoryStage({ store, journal, topics: compileTopics({ topics: [{ name: 'B', query: 'budget', recipients: ['a@b.c'] }] }), clock: { now: () => new Date(now) } });
const vocab = new Vocabulary(30_000);
for (let c = 0; c < N / 1000; c++) {
  const batch = articles(1000, 5, 1000 + c, vocab, { start: START + (c / (N / 1000)) * 86400000 }).map((a, i) => ({ id: a.id, feedId: `f${i % 300}`, guid: a.id, url: `https://x/${a.id}`, title: a.title, text: a.text, textLength: a.text.length, categories: [], published: a.published, firstSeen: a.seenAt, outlet: `f${i % 300}`, contentHash: a.id }));
  for (let i = 0; i < batch.length; i += 100) { now = Date.parse(batch[i]!.firstSeen); await stage.process(batch.slice(i, i + 100)); }
}
stage = undefined;
const gc = (globalThis as any).gc;
const m = () => { gc(); gc(); const u = process.memoryUsage(); return u.heapUsed + u.arrayBuffers; };
const base = m();
const { window: w } = await loadWindow(journal);
const all = m();
const stories = w.stories; (w as any).stories = new Map(); const noStories = m();
const matched = w.matched; (w as any).matched = new Set(); const noMatched = m();
const idx: any = w.index;
const counts = { items: idx.items.size, stories: idx.stories.size, records: stories.size, postings: idx.postings.size, exact: idx.exact.size, days: idx.days.size, watermark: w.watermark };
const parts: Record<string, number> = {};
let prev = m();
for (const k of ['items', 'exact', 'postings', 'stories', 'days', 'mergedInto']) { idx[k].clear(); const now2 = m(); parts[k] = (prev - now2) / N; prev = now2; }
console.log(JSON.stringify({ N, window: (all - base) / N, storyRecords: (all - noStories) / N, matched: (noStories - noMatched) / N, ...parts, ...counts }));

/**
 * Synthetic news for benches: events with their own rare words, names, figures and a quotation,
 * reported by several outlets in ~800-word articles whose other words follow a Zipf law over a
 * made-up vocabulary. Deterministic for a given seed, so runs compare.
 */
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';

export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'to',
  'mi',
  're',
  'san',
  'lo',
  'ver',
  'den',
  'pa',
  'chi',
  'mon',
  'tel',
  'gra',
  'bu',
  'ne',
];

function word(n: number): string {
  let out = '';
  let x = n + SYLLABLES.length;
  while (x > 0) {
    out += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  }
  return out;
}

export class Vocabulary {
  readonly words: string[];
  private readonly cumulative: number[];

  constructor(size: number) {
    this.words = Array.from({ length: size }, (_, i) => word(i));
    let sum = 0;
    this.cumulative = this.words.map((_, i) => {
      sum += 1 / (i + 1);
      return sum;
    });
  }

  /** A word drawn with probability proportional to 1 / rank. */
  zipf(rnd: () => number): string {
    const total = this.cumulative[this.cumulative.length - 1] ?? 1;
    const target = rnd() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] ?? '';
  }
}

export interface SyntheticEvent {
  id: number;
  terms: string[];
  names: string[];
  figures: string[];
  quote: string;
  time: number;
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function makeEvent(id: number, vocab: Vocabulary, rnd: () => number, time: number): SyntheticEvent {
  const rare = () => vocab.words[Math.floor(vocab.words.length / 2 + rnd() * (vocab.words.length / 2))] ?? '';
  return {
    id,
    terms: Array.from({ length: 10 }, rare),
    names: Array.from({ length: 4 }, () => `${capitalise(rare())} ${capitalise(rare())}`),
    figures: [
      `${Math.floor(rnd() * 90 + 10)}.${Math.floor(rnd() * 9)}%`,
      `$${Math.floor(rnd() * 900 + 100)} million`,
    ],
    quote: Array.from({ length: 12 }, () => vocab.zipf(rnd)).join(' '),
    time,
  };
}

function sentence(event: SyntheticEvent, vocab: Vocabulary, rnd: () => number): string {
  const length = 12 + Math.floor(rnd() * 9);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const r = rnd();
    if (r < 0.08) words.push(event.terms[Math.floor(rnd() * event.terms.length)] ?? '');
    else if (r < 0.11) words.push(event.names[Math.floor(rnd() * event.names.length)] ?? '');
    else if (r < 0.12) words.push(event.figures[Math.floor(rnd() * event.figures.length)] ?? '');
    else words.push(vocab.zipf(rnd));
  }
  return `${capitalise(words.join(' '))}.`;
}

/** One outlet's ~800-word report of the event, published within hours of it. */
function makeArticle(
  id: string,
  event: SyntheticEvent,
  vocab: Vocabulary,
  rnd: () => number,
  words = 800,
): ClusterInput {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences = Array.from({ length: 4 }, () => sentence(event, vocab, rnd));
    if (paragraphs.length === 1) sentences.push(`"${capitalise(event.quote)}," ${event.names[0]} said.`);
    const paragraph = sentences.join(' ');
    count += paragraph.split(' ').length;
    paragraphs.push(paragraph);
  }
  const title = capitalise(
    [event.names[0], event.terms[0], vocab.zipf(rnd), event.terms[1], vocab.zipf(rnd), event.terms[2]].join(
      ' ',
    ),
  );
  const published = new Date(event.time + rnd() * 6 * 3_600_000).toISOString();
  return {
    id,
    title,
    text: paragraphs.join('\n'),
    published,
    seenAt: published,
    source: `outlet${id.length}`,
  };
}

/** When synthetic news starts unless told otherwise: any fixed time, so runs compare. */
export const START = Date.parse('2026-03-10T00:00:00.000Z');

/**
 * `count` articles, `copies` reports of each event, the events spread over two days from `start`,
 * in order of publication.
 */
export function articles(
  count: number,
  copies: number,
  seed: number,
  vocab: Vocabulary,
  { start = START, words = 800 }: { start?: number; words?: number } = {},
): ClusterInput[] {
  const rnd = random(seed);
  const eventCount = Math.ceil(count / copies);
  const events = Array.from({ length: eventCount }, (_, i) =>
    makeEvent(i, vocab, rnd, start + (i / eventCount) * 48 * 3_600_000),
  );
  const out = events.flatMap((e) =>
    Array.from({ length: copies }, (_, j) => makeArticle(`s${seed}-e${e.id}-c${j}`, e, vocab, rnd, words)),
  );
  return out.slice(0, count).sort((a, b) => ((a.published ?? '') < (b.published ?? '') ? -1 : 1));
}

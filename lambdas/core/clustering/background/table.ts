/**
 * The background document frequencies of English (english.ts, built by
 * scripts/build-background.ts): how common a word is in any text, before the stream has said
 * anything. Without it the first items of a stream weigh "people" like "Rubio".
 */
import { scan } from '../fingerprint/text.ts';

/** Stems the scanner makes of a word: the table is keyed as the engine reads text. */
export function backgroundTerms(word: string): string[] {
  const terms: string[] = [];
  scan(word, (t) => terms.push(t.term));
  return terms;
}

/** Stem to -ln(share of documents carrying it), parsed from the table's text. */
export function parseBackground(text: string): Map<string, number> {
  const rarity = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [bucket, stems] = line.split('\t');
    const nats = Number(bucket) / 2;
    for (const stem of (stems ?? '').split(' ')) if (stem) rarity.set(stem, nats);
  }
  return rarity;
}

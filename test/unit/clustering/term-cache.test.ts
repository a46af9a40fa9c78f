import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, foldInto, TermCache } from '../../../lambdas/core/clustering/term-cache.ts';

function foldedHash(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = foldInto(hash, text.charCodeAt(i));
  return hash;
}

describe('TermCache', () => {
  const put = (cache: TermCache<string>, word: string, value: string) =>
    cache.set(foldedHash(word, 0, word.length), word.toLowerCase(), value);
  const get = (cache: TermCache<string>, text: string, start: number, end: number) =>
    cache.get(text, start, end, foldedHash(text, start, end));

  it('finds a word inside a text in any case, and only that word', () => {
    const cache = new TermCache<string>();
    put(cache, "Japan's", 'japan');
    const text = "In JAPAN'S capital, japan's japans";
    expect(get(cache, text, 3, 10)).toBe('japan');
    expect(get(cache, text, 20, 27)).toBe('japan');
    expect(get(cache, text, 28, 34)).toBeUndefined();
  });

  it('tells apart words that share their first twelve letters, and long words from short ones', () => {
    const cache = new TermCache<string>();
    put(cache, 'internationalism', 'a');
    put(cache, 'internationalist', 'b');
    put(cache, 'international', 'c');
    put(cache, 'internationa', 'd');
    const text = 'Internationalist INTERNATIONALISM international internationa';
    expect(get(cache, text, 0, 16)).toBe('b');
    expect(get(cache, text, 17, 33)).toBe('a');
    expect(get(cache, text, 34, 47)).toBe('c');
    expect(get(cache, text, 48, 60)).toBe('d');
    expect(get(cache, text, 48, 59)).toBeUndefined();
  });

  it('grows past its first slots, and empties when its owner bounds it', () => {
    const cache = new TermCache<string>();
    for (let i = 0; i < 3000; i++) put(cache, `w${i}`, `w${i}`);
    expect(cache.size).toBe(3000);
    expect(get(cache, 'w1234', 0, 5)).toBe('w1234');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(get(cache, 'w1234', 0, 5)).toBeUndefined();
  });
});

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
    const cache = new TermCache<string>(10);
    put(cache, "Japan's", 'japan');
    const text = "In JAPAN'S capital, japan's japans";
    expect(get(cache, text, 3, 10)).toBe('japan');
    expect(get(cache, text, 20, 27)).toBe('japan');
    expect(get(cache, text, 28, 34)).toBeUndefined();
  });

  it('empties itself rather than growing past its capacity', () => {
    const cache = new TermCache<string>(2);
    for (const word of ['one', 'two', 'three']) put(cache, word, word);
    expect(get(cache, 'one', 0, 3)).toBeUndefined();
    expect(get(cache, 'three', 0, 5)).toBe('three');
  });
});

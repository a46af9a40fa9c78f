import { describe, expect, it } from 'vitest';
import { snippetAround } from '../../../lambdas/core/topics/snippet.ts';

// "w00 w01 … w99 ": every word is 3 characters and a space, so word n starts at 4n.
const words = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `w${String(from + i).padStart(2, '0')}`).join(' ');
const text = `${words(0, 99)} `;

describe('snippetAround', () => {
  it('keeps up to 60 characters before the hit and 200 in all, cut at spaces, with ellipses', () => {
    // Hit on w30 (characters 120-123): the cut at 60 falls on w15's first letter, so w16 starts it;
    // the cut at 64 + 200 = 264 is w66's first letter, so w65 ends it.
    expect(snippetAround(text, 120, 123)).toBe(`…${words(16, 65)}…`);
  });

  it('starts at the beginning when the hit is near it', () => {
    expect(snippetAround(text, 8, 11)).toBe(`${words(0, 49)}…`);
  });

  it('returns short texts whole, with whitespace collapsed', () => {
    expect(snippetAround('Japan  votes\n\ttoday', 0, 5)).toBe('Japan votes today');
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../lambdas/core/text/tokenize.ts';

const words = (text: string) => tokenize(text).words;

describe('tokenize', () => {
  it.each([
    { text: 'U.S.-Japan talks', expected: ['us', 'japan', 'talks'] },
    { text: 'in the U.S. today', expected: ['in', 'the', 'us', 'today'] },
    { text: 'U.K.', expected: ['uk'] },
    { text: "Japan's defence", expected: ['japan', 'defence'] },
    { text: 'Japan’s defence', expected: ['japan', 'defence'] },
    { text: "allies' spending", expected: ['allies', 'spending'] },
    { text: 'O’Brien won’t', expected: ['obrien', 'wont'] },
    { text: '5% and 3.5% of GDP', expected: ['5%', 'and', '3.5%', 'of', 'gdp'] },
    { text: "the '2+2' talks", expected: ['the', '2+2', 'talks'] },
    { text: '1,000 or 1,000,000.50 or 12,34', expected: ['1000', 'or', '1000000.50', 'or', '12', '34'] },
    { text: '1\u00A0000 yen', expected: ['1000', 'yen'] },
    { text: '5 per cent, 7 percent, 9 pct', expected: ['5%', '7%', '9%'] },
    { text: 'per cent alone', expected: ['per', 'cent', 'alone'] },
    { text: '“Quoted” ‘words’', expected: ['quoted', 'words'] },
    { text: 'Señor Ñandú in São Paulo', expected: ['senor', 'nandu', 'in', 'sao', 'paulo'] },
    { text: 'Straße, Ærø', expected: ['strasse', 'aero'] },
    {
      text: 'F-35 and G7 spent $5bn in 2025.',
      expected: ['f', '35', 'and', 'g7', 'spent', '5bn', 'in', '2025'],
    },
    { text: 'COVID-19', expected: ['covid', '19'] },
    { text: 'end.Next', expected: ['end', 'next'] },
  ])('$text', ({ text, expected }) => {
    expect(words(text)).toEqual(expected);
  });

  it('keeps the character range of every word in the original text', () => {
    const text = 'Japan’s 5 per cent';
    const t = tokenize(text);
    expect(t.words).toEqual(['japan', '5%']);
    expect(t.starts.map((s, i) => text.slice(s, t.ends[i]))).toEqual(['Japan’s', '5 per cent']);
  });

  it('keeps ranges right when lower-casing changes the length of the text', () => {
    // "İ" lower-cases to two code units.
    const text = 'İstanbul Japan';
    const t = tokenize(text);
    expect(t.words).toEqual(['istanbul', 'japan']);
    expect(text.slice(t.starts[1], t.ends[1])).toBe('Japan');
  });
});

import { describe, expect, it } from 'vitest';
import { KINDS, readEvidence } from '../../../lambdas/core/clustering/fingerprint/evidence.ts';
import { numbers, quotations } from '../../../lambdas/core/clustering/fingerprint/features.ts';
import { cleanText, isTitleCase, scan, stem } from '../../../lambdas/core/clustering/fingerprint/text.ts';

function tokenize(text: string): { term: string; key: string; proper: boolean }[] {
  const tokens: { term: string; key: string; proper: boolean }[] = [];
  scan(text, ({ term, key }, proper) => tokens.push({ term, key, proper }));
  return tokens;
}

const PROSE = Array.from(
  { length: 12 },
  (_, i) => `Sentence number ${i} of the article says something about the harbour council vote.`,
).join('\n');

describe('cleanText', () => {
  it('drops menu lines and cuts at a sidebar heading once the article has been read', () => {
    const text = `Home | News\nSubscribe\n${PROSE}\nRelated Articles\nA sidebar story that is long enough to look like prose here.`;
    expect(cleanText(text)).toBe(PROSE);
  });

  it('keeps reading past a comment counter above the article', () => {
    const text = `4 Comments\nKUALA LUMPUR\n${PROSE}`;
    expect(cleanText(text)).toBe(PROSE);
  });

  it('keeps short lines that end a sentence', () => {
    expect(cleanText('Menu\nHe said no.\nLog in')).toBe('He said no.');
  });

  it('stops after the given number of words, at a line end', () => {
    expect(cleanText(PROSE, 20).split('\n')).toHaveLength(2);
  });
});

describe('stem', () => {
  it('folds British and American spellings and inflections together', () => {
    expect(stem('defence')).toBe(stem('defense'));
    expect(stem('cancelled')).toBe(stem('canceled'));
    expect(stem('organised')).toBe(stem('organized'));
    expect(stem('colour')).toBe(stem('color'));
    expect(stem('talks')).toBe(stem('talk'));
    expect(stem('spending')).toBe('spend');
  });

  it("stems words that name Object.prototype's members like any other word", () => {
    // The spelling table was a plain object: "constructor" found Object's constructor and threw.
    expect(stem('constructor')).toBe('constructor');
    expect(stem('constructors')).toBe('constructor');
    expect(stem('tostring')).toBe('tostr');
    const words: string[] = [];
    scan('The constructor of the hasOwnProperty valueOf bridge', (t) => words.push(t.term));
    expect(words).toEqual(['constructor', 'hasownproperty', 'valueof', 'bridg']);
  });
});

describe('scan', () => {
  it('drops stopwords and flags names written with a capital mid-sentence', () => {
    expect(tokenize('The mayor said Harbourview will build it. Trams run.')).toEqual([
      { term: 'mayor', key: 'w:mayor', proper: false },
      { term: 'harbourview', key: 'w:harbourview', proper: true },
      { term: 'build', key: 'w:build', proper: false },
      { term: 'tram', key: 'w:tram', proper: false },
      { term: 'run', key: 'w:run', proper: false },
    ]);
  });

  it('reads words of every alphabet whole, with their case', () => {
    const tokens = tokenize('Gestern sagte Präsident Müller in Łódź: Ärger über Steuern.');
    expect(tokens.map((t) => t.term)).toEqual(
      expect.arrayContaining(['präsident', 'müller', 'łódź', 'ärger', 'steuern']),
    );
    expect(tokens.find((t) => t.term === 'müller')?.proper).toBe(true);
    expect(tokens.find((t) => t.term === 'ärger')?.proper).toBe(false);
    expect(tokenize('Что сказал Путин').map((t) => t.term)).toEqual(['что', 'сказал', 'путин']);
  });

  it('keeps apostrophes and hyphens inside words only', () => {
    expect(tokenize("Japan's one-sided 'deal'").map((t) => t.term)).toEqual(['japan', 'one-sid', 'deal']);
  });

  it('drops function words of other languages but not the English words they spell', () => {
    expect(tokenize('Die Regierung und der Präsident sind über das Gesetz einig').map((t) => t.term)).toEqual(
      ['die', 'regierung', 'präsident', 'gesetz', 'einig'],
    );
    expect(tokenize('El gobierno de España y los sindicatos').map((t) => t.term)).toEqual([
      'gobierno',
      'españa',
      'sindicato',
    ]);
    expect(tokenize('The war, the man and MIT').map((t) => t.term)).toEqual(['war', 'man', 'mit']);
  });

  it('reads a French or Italian word the same with an elided article before it', () => {
    expect(tokenize("l'Europe d'Europe qu'elle dell'Italia Italia").map((t) => t.term)).toEqual([
      'europ',
      'europ',
      'italia',
      'italia',
    ]);
  });

  it('drops contracted function words but keeps names with an apostrophe', () => {
    const terms = tokenize("I'm sure you'll see it isn't over, O'Brien hasn't won").map((t) => t.term);
    expect(terms).toEqual(['sure', 'see', 'obrien']);
  });
});

describe('isTitleCase', () => {
  it('tells a title-cased headline from a sentence-cased one', () => {
    expect(isTitleCase('Japan Cancels Security Talks Amid Spending Demands')).toBe(true);
    expect(isTitleCase('Japan cancels security talks amid spending demands')).toBe(false);
  });
});

describe('numbers', () => {
  it('reads figures with their units in every common spelling', () => {
    expect(
      numbers('3.5% of GDP, or 3.5 per cent; $310 million; 1 July and July 1; 11 to 4 with 1,200 people'),
    ).toEqual(['3.5%', '3.5%', '$310m', 'jul-1', 'jul-1', '11', '1200']);
  });
});

describe('names as evidence', () => {
  const names = (text: string) => [
    ...(readEvidence('', text, { written: true }).written?.[KINDS.indexOf('names')]?.values() ?? []),
  ];

  it('reads a run of capitalised words as one name, and each word of it too', () => {
    const found = names('The council said Mayor Elena Vasquez met Tomas Okafor on the quay.');
    expect(found).toEqual(
      expect.arrayContaining(['Mayor Elena Vasquez', 'Tomas Okafor', 'Vasquez', 'Okafor']),
    );
    expect(found).not.toContain('The');
  });

  it('reads names written in any alphabet', () => {
    expect(names('Gestern traf Präsident Müller in Łódź den Bürgermeister.')).toEqual(
      expect.arrayContaining(['Präsident Müller', 'Łódź']),
    );
    expect(names('Об этом сказал Владимир Путин.')).toContain('Владимир Путин');
  });

  it('gives a name the same id whatever its possessive or case', () => {
    const a = readEvidence('', 'The plan of Kuala Lumpur was approved.').kinds[KINDS.indexOf('names')];
    const b = readEvidence('', "It was Kuala Lumpur's plan that won.").kinds[KINDS.indexOf('names')];
    expect([...(a?.keys() ?? [])].filter((id) => b?.has(id)).length).toBeGreaterThan(0);
  });
});

describe('quotations', () => {
  it('finds double- and single-quoted speech of five words or more, apostrophes inside', () => {
    const text = `He said "we asked for a tunnel today" and 'We've encouraged them to invest,' he added; a "demand" too.`;
    expect(quotations(text, 16).map((q) => q.text)).toEqual([
      'we asked for a tunnel today',
      "We've encouraged them to invest,",
    ]);
  });

  it('does not pair the closing mark of one quote with the opening of the next', () => {
    const text = 'It was "encouraging" Tokyo to invest in certain capabilities, but not a "demand."';
    expect(quotations(text, 16)).toEqual([]);
  });

  it('gives the same shingles to the same quote in other punctuation', () => {
    const [a] = quotations('"It\'s less to do with the amount of money," he said.', 16);
    const [b] = quotations('He said: "It\'s less to do with the amount of money."', 16);
    expect(a?.shingles).toEqual(b?.shingles);
    expect(a?.shingles).toHaveLength(6);
  });
});

import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';

const matcher = compileTopics({
  aliases: { rubio: '"Marco Rubio" OR Rubio' },
  topics: [
    {
      name: 'Japan defense spending',
      query: 'Japan AND (defense OR military) NEAR/10 (spending OR budget OR "of GDP")',
      recipients: ['desk@example.com'],
      alert: 'digest daily',
    },
    { name: 'Rubio in Asia', query: '@rubio AND (ASEAN OR Malaysia OR Japan) NOT title:poll' },
    { name: 'Taiwan', query: 'Taiwan' },
  ],
});

describe('compiled topics', () => {
  it('lists each topic with recipients, alert mode (instant by default) and normalised query', () => {
    expect(matcher.topics).toEqual([
      {
        name: 'Japan defense spending',
        recipients: ['desk@example.com'],
        alert: 'digest daily',
        normalised: 'japan AND ((defense OR military) NEAR/10 (spending OR budget OR "of gdp"))',
      },
      {
        name: 'Rubio in Asia',
        recipients: [],
        alert: 'instant',
        normalised: '("marco rubio" OR rubio) AND (asean OR malaysia OR japan) AND NOT title:poll',
      },
      { name: 'Taiwan', recipients: [], alert: 'instant', normalised: 'taiwan' },
    ]);
  });

  it('normalises what it parses: re-parsing the normalised form gives the same form', () => {
    const again = compileTopics({
      topics: matcher.topics.map((t) => ({ name: t.name, query: t.normalised })),
    });
    expect(again.topics.map((t) => t.normalised)).toEqual(matcher.topics.map((t) => t.normalised));
  });
});

describe('hits explain the match', () => {
  it('records the matched query terms, the fields they were found in and a snippet at the first text hit', () => {
    const hits = matcher.match({
      title: 'Rubio in Kuala Lumpur',
      text: 'Talks went on. Japan will raise its defence budget to 2% of GDP, Marco Rubio said on Friday.',
    });
    expect(hits).toEqual([
      {
        topic: 'Japan defense spending',
        terms: ['japan', 'defense', 'budget', '"of gdp"'],
        fields: ['text'],
        snippet:
          'Talks went on. Japan will raise its defence budget to 2% of GDP, Marco Rubio said on Friday.',
      },
      {
        topic: 'Rubio in Asia',
        terms: ['"marco rubio"', 'rubio', 'japan'],
        fields: ['title', 'text'],
        snippet:
          'Talks went on. Japan will raise its defence budget to 2% of GDP, Marco Rubio said on Friday.',
      },
    ]);
  });

  it('falls back to the title for the snippet when only the title matched', () => {
    const [hit] = matcher.match({ title: 'Taiwan votes', text: 'Polls closed at eight.' });
    expect(hit).toEqual({ topic: 'Taiwan', terms: ['taiwan'], fields: ['title'], snippet: 'Taiwan votes' });
  });

  it('cuts a long text to about 200 characters around the first hit, on word boundaries', () => {
    const before = 'Filler words come first here. '.repeat(10);
    const after = ' More filler words follow after.'.repeat(10);
    const [hit] = matcher.match({ title: 'x', text: `${before}Taiwan held an election.${after}` });
    const snippet = hit?.snippet ?? '';
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('Taiwan held an election.');
    expect(snippet.length).toBeLessThanOrEqual(202);
    expect(snippet.length).toBeGreaterThan(150);
    // Starts on a word: what precedes the first kept word is a space in the source text.
    expect(`${before}Taiwan`).toContain(` ${snippet.slice(1).split(' ')[0]} `);
  });

  it('does not let a NOT term explain a match', () => {
    const hits = matcher.match({ title: 'Rubio poll', text: 'Rubio in Japan.' });
    expect(hits.map((h) => h.topic)).toEqual([]);
  });

  it('matches only what it is given: a topic word in a field it is not passed is not seen', () => {
    expect(matcher.match({ title: 'Elections', text: 'Results are in.', source: 'Taiwan News' })).toEqual([]);
  });
});

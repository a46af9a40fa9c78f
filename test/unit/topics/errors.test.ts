import { describe, expect, it } from 'vitest';
import { compileTopics, TopicQueryError, type TopicsSection } from '../../../lambdas/core/topics/index.ts';

function compileError(section: TopicsSection): TopicQueryError {
  try {
    compileTopics(section);
  } catch (error) {
    if (error instanceof TopicQueryError) return error;
    throw error;
  }
  throw new Error('expected compileTopics to throw');
}

const one = (query: string, aliases?: Record<string, string>): TopicsSection => ({
  aliases,
  topics: [{ name: 'T1', query }],
});

describe('invalid queries name the topic, the 1-based position and what was expected', () => {
  it.each([
    { query: 'Japan AND (defense OR military', position: 31, expected: 'a closing ) for the ( at 11' },
    { query: 'Japan )', position: 7, expected: 'an opening ( for this )' },
    { query: 'Japan AND', position: 10, expected: 'a term, phrase or group before the end of the query' },
    { query: 'Japan OR OR Korea', position: 10, expected: 'a term, phrase or group, not OR' },
    { query: 'Japan "of GDP', position: 7, expected: 'a closing " for the phrase opened here' },
    { query: 'Japan NEAR/x budget', position: 7, expected: 'a number of words after NEAR/, as in NEAR/5' },
    { query: 'Japan NEAR budget', position: 7, expected: 'a number of words after NEAR/, as in NEAR/5' },
    { query: 'Japan NEAR/5000 budget', position: 7, expected: 'a NEAR distance of at most 1000' },
    {
      query: '(Japan AND Korea) NEAR/5 budget',
      position: 19,
      expected: 'a term, phrase, OR group or NEAR on each side of NEAR, not an AND or NOT group',
    },
    { query: 'de*fense', position: 3, expected: 'a wildcard * only at the end of a word' },
    { query: 'de*', position: 1, expected: 'at least 3 letters before *' },
    {
      query: '"defen* spending"',
      position: 7,
      expected: 'no * or ? inside quotes (write defen* ONEAR/0 spending)',
    },
    { query: 'Japan title: budget', position: 13, expected: 'a word, phrase or group right after title:' },
    { query: 'Japan & Korea', position: 7, expected: 'a word, not "&"' },
    {
      query: 'NOT Japan',
      position: 1,
      expected: 'at least one term outside NOT (a query of only NOT matches nearly everything)',
    },
    { query: 'Japan AND @nobody', position: 11, expected: 'a defined alias, not @nobody (defined: none)' },
    {
      query: 'Japan country:jp',
      position: 7,
      expected: 'a scope newswatch has (title:, source:, url:, site:, lang:, case:), not country:',
    },
    {
      query: 'Japan lang:japanese',
      position: 12,
      expected: 'a language code after lang:, as in lang:ja or lang:(de OR fr)',
    },
    {
      query: 'Japan lang:(ja fr)',
      position: 13,
      expected: 'a language code after lang:, as in lang:ja or lang:(de OR fr)',
    },
    { query: 'fed or ecb', position: 5, expected: 'OR for the operator or "or" in quotes for the word' },
    { query: 'fed And ecb', position: 5, expected: 'AND for the operator or "And" in quotes for the word' },
    { query: 'fed not ecb', position: 5, expected: 'NOT for the operator or "not" in quotes for the word' },
    {
      query: 'Fed taper~2',
      position: 10,
      expected:
        'words, phrases and operators newswatch reads, not ~ (fuzzy ~, boost ^ and ranges are not supported)',
    },
    {
      query: 'Fed^2',
      position: 4,
      expected:
        'words, phrases and operators newswatch reads, not ^ (fuzzy ~, boost ^ and ranges are not supported)',
    },
    {
      query: '"Fed taper"~',
      position: 12,
      expected: 'a number of words after ~ of at most 1000, as in "fed taper"~5',
    },
    { query: 'Fed AROUND(5) taper', position: 5, expected: 'NEAR/n, not AROUND(n)' },
    { query: "'Bank of England", position: 1, expected: "a closing ' for the phrase opened here" },
    { query: 'or?', position: 1, expected: 'at least 3 letters before ?' },
    { query: 'wom?n*x', position: 6, expected: 'a wildcard * only at the end of a word' },
    {
      query: '"organi?ation"',
      position: 8,
      expected: 'no * or ? inside quotes (write defen* ONEAR/0 spending)',
    },
    { query: 'case:(US OR UK)', position: 6, expected: 'a word or phrase right after case:, as in case:US' },
    { query: 'case:US*', position: 6, expected: 'a word or phrase right after case:, as in case:US' },
    {
      query: `${'('.repeat(20_000)}Japan${')'.repeat(20_000)}`,
      position: 101,
      expected: 'at most 100 levels of nested parentheses, NOT and NEAR',
    },
    {
      query: `${'NOT '.repeat(20_000)}Japan`,
      position: 401,
      expected: 'at most 100 levels of nested parentheses, NOT and NEAR',
    },
    {
      query: `Japan${' NEAR/1 Japan'.repeat(20_000)}`,
      position: 1307,
      expected: 'at most 100 levels of nested parentheses, NOT and NEAR',
    },
  ])('$query', ({ query, position, expected }) => {
    const error = compileError(one(query));
    expect(error).toMatchObject({ name: 'TopicQueryError', topic: 'T1', position, expected });
    expect(error.message).toBe(`topic "T1": at position ${position}, expected ${expected}`);
  });

  it('names the alias when the error is inside one, with the position in the alias text', () => {
    const error = compileError(one('@bad AND Japan', { bad: 'Rubio OR' }));
    expect(error).toMatchObject({ topic: 'T1', alias: 'bad', position: 9 });
    expect(error.message).toBe(
      'topic "T1", in alias @bad: at position 9, expected a term, phrase or group before the end of the query',
    );
  });

  it('reports an alias that uses itself', () => {
    const error = compileError(one('@a', { a: 'Japan OR @b', b: '@a' }));
    expect(error.message).toBe(
      'topic "T1", in alias @b: at position 1, expected an alias that does not use itself (@a → @b → @a)',
    );
  });

  it('reports a broken alias that no topic uses', () => {
    const error = compileError(one('Japan', { unused: '(Rubio' }));
    expect(error.message).toBe('alias @unused: at position 7, expected a closing ) for the ( at 1');
  });

  it('names the failing topic, not the first one', () => {
    const error = compileError({
      topics: [
        { name: 'ok', query: 'Japan' },
        { name: 'broken', query: '"x' },
      ],
    });
    expect(error.topic).toBe('broken');
  });
});

import { describe, expect, it } from 'vitest';
import { compileTopics, type MatchDocument } from '../../../lambdas/core/topics/index.ts';

interface Row {
  query: string;
  doc: Partial<MatchDocument> | string;
  match: boolean;
}

const ALIASES = {
  rubio: '"Marco Rubio" OR "Secretary of State Rubio" OR Rubio',
  quad: 'Japan OR India OR Australia',
};

function matches(row: Row): boolean {
  const doc =
    typeof row.doc === 'string' ? { title: '', text: row.doc } : { title: '', text: '', ...row.doc };
  const matcher = compileTopics({ aliases: ALIASES, topics: [{ name: 't', query: row.query }] });
  return matcher.match(doc).length === 1;
}

const table: Record<string, Row[]> = {
  'AND, OR, NOT, AND NOT, implicit AND, parentheses': [
    { query: 'Japan AND budget', doc: 'Japan approved a budget.', match: true },
    { query: 'Japan AND budget', doc: 'Japan approved a plan.', match: false },
    { query: 'Japan budget', doc: 'The budget of Japan.', match: true },
    { query: 'Japan budget', doc: 'The budget of Korea.', match: false },
    { query: 'Japan OR Korea', doc: 'Korea votes.', match: true },
    { query: 'Japan OR Korea', doc: 'China votes.', match: false },
    { query: 'Japan NOT Korea', doc: 'Japan votes.', match: true },
    { query: 'Japan NOT Korea', doc: 'Japan and Korea vote.', match: false },
    { query: 'Japan AND NOT Korea', doc: 'Japan and Korea vote.', match: false },
    { query: 'Japan AND NOT Korea', doc: 'Japan votes.', match: true },
    { query: 'Japan -Korea', doc: 'Japan and Korea vote.', match: false },
    { query: 'Japan AND (budget OR spending)', doc: 'Japan spending rose.', match: true },
    { query: 'Japan AND (budget OR spending)', doc: 'Korea spending rose; Japan waits.', match: true },
    { query: 'Japan AND (budget OR spending)', doc: 'Japan waits.', match: false },
    // OR binds looser than AND: this is Korea OR (Japan AND budget).
    { query: 'Korea OR Japan AND budget', doc: 'Japan waits.', match: false },
    { query: 'Korea OR Japan AND budget', doc: 'Korea waits.', match: true },
    // and, or, not as words are quoted (unquoted they are errors: see errors.test.ts).
    { query: 'war "and" peace', doc: 'War and Peace, the novel.', match: true },
    { query: 'war "or" peace', doc: 'Only peace here.', match: false },
    // Words that are also names of object properties are ordinary words.
    { query: 'constructor AND toString', doc: 'The constructor called toString.', match: true },
  ],
  phrases: [
    { query: '"of GDP"', doc: '3.5% of GDP', match: true },
    { query: '"of GDP"', doc: 'GDP of Japan', match: false },
    { query: '"Marco Rubio"', doc: 'Rubio, Marco', match: false },
    { query: '"Marco Rubio"', doc: 'Secretary MARCO RUBIO said', match: true },
    // Quoting turns inflection off, not spelling variants.
    { query: '"budget"', doc: 'Two budgets.', match: false },
    { query: '"defense budget"', doc: 'The defence budget grew.', match: true },
  ],
  'NEAR/n and ONEAR/n': [
    { query: 'defense NEAR/2 spending', doc: 'defense and military spending', match: true },
    { query: 'defense NEAR/2 spending', doc: 'defense and more military spending', match: false },
    { query: 'defense NEAR/2 spending', doc: 'spending on defense', match: true },
    { query: 'defense NEAR/0 spending', doc: 'defense spending', match: true },
    { query: 'defense NEAR/0 spending', doc: 'defense, the spending', match: false },
    { query: 'defense ONEAR/3 spending', doc: 'defense and its spending', match: true },
    { query: 'defense ONEAR/3 spending', doc: 'spending on defense', match: false },
    { query: '(defense OR military) NEAR/3 (budget OR "of GDP")', doc: 'military at 2% of GDP', match: true },
    {
      query: '(defense OR military) NEAR/3 (budget OR "of GDP")',
      doc: 'military. Then trade, tax, growth, budget',
      match: false,
    },
    { query: '"Marco Rubio" NEAR/1 Japan', doc: 'Japan hosts Marco Rubio', match: true },
    { query: 'Japan NEAR/2 defense NEAR/2 budget', doc: 'Japan raises defense budget', match: true },
    {
      query: 'Japan NEAR/2 defense NEAR/2 budget',
      doc: 'Japan raises defense. Elsewhere, far away, a budget',
      match: false,
    },
    // The title and the text are separate: no NEAR across them.
    { query: 'Japan NEAR/5 budget', doc: { title: 'Japan', text: 'budget' }, match: false },
    // A long phrase span and a word inside it on the same side.
    { query: '("red green blue" OR green) ONEAR/0 blue', doc: 'red green blue', match: true },
    { query: '("red green blue" OR green) NEAR/0 red', doc: 'red green blue', match: true },
    { query: 'the NEAR/1 of', doc: `${'the a b c '.repeat(50)}the x of`, match: true },
    { query: 'the NEAR/1 of', doc: `${'the a b c '.repeat(50)}of`, match: false },
  ],
  'inflections by the spelling rules': [
    { query: 'meeting', doc: 'Two meetings were held.', match: true },
    { query: 'hearing', doc: 'Senate hearings resume.', match: true },
    { query: 'briefing', doc: 'Daily briefings end.', match: true },
    { query: 'building', doc: 'Buildings collapsed.', match: true },
    { query: 'spend', doc: 'Japan spent more.', match: true },
    { query: 'spent', doc: 'Japan will spend more.', match: true },
    { query: 'meeting', doc: 'They met on Monday.', match: false },
  ],
  'operators in any case where unambiguous': [
    { query: 'defense near/2 spending', doc: 'defense and military spending', match: true },
    { query: 'defense near/2 spending', doc: 'defense, near 2 of our spending', match: false },
    { query: 'defense Onear/3 spending', doc: 'spending on defense', match: false },
  ],
  'phrase proximity ~n': [
    { query: '"Fed taper"~5', doc: 'The Fed will begin to taper in May.', match: true },
    { query: '"Fed taper"~5', doc: 'taper talk, says the Fed', match: true },
    { query: '"Fed taper"~1', doc: 'The Fed will begin to taper in May.', match: false },
    // Each word is quoted: no inflections, as in a phrase.
    { query: '"Fed taper"~5', doc: 'The Fed is tapering.', match: false },
  ],
  'single-character wildcard ?': [
    { query: 'organi?ation', doc: 'The organization met.', match: true },
    { query: 'organi?ation', doc: 'The organisation met.', match: true },
    { query: 'organi?ation', doc: 'The organizations met.', match: false },
    { query: 'organi?ation*', doc: 'The organizations met.', match: true },
    { query: 'wom?n', doc: 'A woman spoke.', match: true },
    { query: 'wom?n', doc: 'A womn spoke.', match: false },
    { query: 'title:organi?ation', doc: { title: 'Organisation', text: 'x' }, match: true },
    { query: 'title:organi?ation', doc: { title: 'x', text: 'organisation' }, match: false },
  ],
  'single-quoted phrases': [
    { query: "'Bank of England'", doc: 'The Bank of England said.', match: true },
    { query: "'Bank of England'", doc: 'England: a bank of the Thames.', match: false },
    { query: "'Britain's economy'", doc: "Britain's economy grew.", match: true },
    { query: "Japan's", doc: 'Japan votes.', match: true },
  ],
  'colons that are not scopes': [
    { query: 'Breaking: Japan', doc: 'Breaking news from Japan.', match: true },
    { query: 'url:https://example.com/a', doc: { url: 'https://example.com/a', text: 'x' }, match: true },
  ],
  'exact case for acronyms': [
    { query: 'case:US', doc: 'The US and Japan agreed.', match: true },
    { query: 'case:US', doc: 'The U.S. and Japan agreed.', match: true },
    { query: 'case:US', doc: "The US's allies agreed.", match: true },
    { query: 'case:US', doc: 'Tell us about Japan.', match: false },
    { query: 'case:US', doc: 'US', match: true },
    { query: 'us', doc: 'The US and Japan agreed.', match: true },
    { query: 'case:"New York"', doc: 'New York votes.', match: true },
    { query: 'case:"New York"', doc: 'new york votes.', match: false },
    { query: 'title:case:GM', doc: { title: 'GM recalls cars', text: 'x' }, match: true },
    { query: 'title:case:GM', doc: { title: 'gm', text: 'GM' }, match: false },
    { query: 'case:US AND us', doc: 'Tell us about the US.', match: true },
  ],
  'prefix wildcards': [
    { query: 'defen*', doc: 'the defenders', match: true },
    { query: 'defen*', doc: 'the defence', match: true },
    { query: 'defen*', doc: 'the fence', match: false },
    { query: 'Japan*', doc: 'Japanese voters', match: true },
    { query: 'defen* ONEAR/0 spending', doc: 'defensive spending', match: true },
    { query: 'defen* ONEAR/0 spending', doc: 'spending on defense', match: false },
  ],
  'field scopes': [
    { query: 'title:Japan', doc: { title: 'Japan votes', text: 'Korea' }, match: true },
    { query: 'title:Japan', doc: { title: 'Korea votes', text: 'Japan' }, match: false },
    { query: 'title:"Japan votes"', doc: { title: 'Japan votes today', text: '' }, match: true },
    { query: 'title:(Japan OR Korea)', doc: { title: 'Korea votes', text: '' }, match: true },
    { query: 'Japan NOT title:poll', doc: { title: 'Japan poll', text: 'Japan' }, match: false },
    { query: 'Japan NOT title:poll', doc: { title: 'Japan', text: 'the poll' }, match: true },
    { query: 'source:Reuters', doc: { title: 'Japan', text: 'Reuters said', source: 'AP' }, match: false },
    { query: 'source:Reuters', doc: { title: 'Japan', text: '', source: 'Reuters' }, match: true },
    {
      query: 'url:japantimes',
      doc: { title: 'x', text: 'y', url: 'https://www.japantimes.co.jp/news/a' },
      match: true,
    },
    {
      query: 'site:japantimes.co.jp',
      doc: { title: 'x', text: 'y', url: 'https://www.japantimes.co.jp/a' },
      match: true,
    },
    { query: 'url:japantimes', doc: { title: 'japantimes', text: 'japantimes' }, match: false },
    // Unscoped terms look at the title and text only.
    { query: 'Reuters', doc: { title: 'x', text: 'y', source: 'Reuters' }, match: false },
  ],
  aliases: [
    { query: '@rubio AND Japan', doc: 'The Secretary of State Rubio met Japan.', match: true },
    { query: '@rubio AND Japan', doc: 'Marco visited Japan.', match: false },
    { query: '@rubio NEAR/3 @quad', doc: 'Rubio flew to Australia', match: true },
    { query: 'title:@quad', doc: { title: 'x', text: 'India' }, match: false },
  ],
  'case and diacritics': [
    { query: 'japan', doc: 'JAPAN', match: true },
    { query: 'Sao Paulo', doc: 'São Paulo', match: true },
    { query: 'São Paulo', doc: 'SAO PAULO', match: true },
    { query: 'Strasse', doc: 'Straße', match: true },
  ],
  'British and American spellings': [
    { query: 'defense', doc: 'defence', match: true },
    { query: 'defence', doc: 'defense', match: true },
    { query: 'program', doc: 'the programme', match: true },
    { query: 'programme', doc: 'programs', match: true },
    { query: 'organization', doc: 'organisations', match: true },
    { query: 'organise', doc: 'organized', match: true },
    { query: 'color', doc: 'colours', match: true },
    { query: 'labour', doc: 'labor', match: true },
    { query: 'center', doc: 'centre', match: true },
    { query: 'analyze', doc: 'analysed', match: true },
    { query: 'catalog', doc: 'catalogue', match: true },
    { query: 'license', doc: 'licence', match: true },
    { query: 'pediatric', doc: 'paediatric', match: true },
    { query: 'gray', doc: 'grey', match: true },
    { query: 'traveled', doc: 'travelled', match: true },
    // "hour" is not a British "hor", "four" not "for".
    { query: 'for', doc: 'four', match: false },
  ],
  inflections: [
    { query: 'budget', doc: 'budgets', match: true },
    { query: 'budgets', doc: 'budget', match: true },
    { query: 'cancel', doc: 'cancelled', match: true },
    { query: 'cancel', doc: 'canceled', match: true },
    { query: 'cancelled', doc: 'cancels', match: true },
    { query: 'policy', doc: 'policies', match: true },
    { query: 'tax', doc: 'taxes', match: true },
    { query: 'plan', doc: 'planned', match: true },
    { query: 'raise', doc: 'raising', match: true },
    { query: 'Japan', doc: 'Japanese', match: false },
    { query: 'Japanese', doc: 'Japan', match: false },
    { query: 'new', doc: 'news', match: false },
  ],
  tokenisation: [
    { query: 'Japan', doc: 'U.S.-Japan talks', match: true },
    { query: 'U.S.', doc: 'U.S.-Japan talks', match: true },
    { query: 'US', doc: 'U.S.-Japan talks', match: true },
    { query: '"U.S.-Japan"', doc: 'US-Japan talks', match: true },
    { query: 'U.S.-Japan', doc: 'the U.S. and Japan', match: false },
    { query: 'Japan', doc: "Japan's budget", match: true },
    { query: "Japan's", doc: 'Japan budget', match: true },
    { query: 'Japan', doc: 'Japan’s budget', match: true },
    { query: '5%', doc: 'a 5% target', match: true },
    { query: '5%', doc: 'a 3.5% target', match: false },
    { query: '3.5%', doc: 'a 3.5% target', match: true },
    { query: '3.5%', doc: 'a 3.5 target', match: false },
    { query: '5%', doc: '5 per cent of GDP', match: true },
    { query: '5%', doc: '5 percent of GDP', match: true },
    { query: '"2+2"', doc: "the '2+2' security talks", match: true },
    { query: '2+2', doc: 'the 2 plus 2 format', match: false },
    { query: '1000', doc: 'it cost 1,000 yen', match: true },
    { query: '1,000,000', doc: 'a 1000000 budget', match: true },
    { query: '1000', doc: 'it cost 10,000 yen', match: false },
    { query: '"Japan cancels"', doc: '“Japan cancels talks”', match: true },
    { query: '“Japan cancels”', doc: 'Japan cancels talks', match: true },
    { query: "O'Brien", doc: 'O’Brien said', match: true },
  ],
};

describe('topic queries match by hand-written expectations', () => {
  for (const [group, rows] of Object.entries(table)) {
    describe(group, () => {
      it.each(rows)('$query ~ $doc → $match', (row) => {
        expect(matches(row)).toBe(row.match);
      });
    });
  }
});

describe('the same table with every query compiled into one matcher', () => {
  // Shared atoms, triggers chosen across topics and scratch state reused from item to item must
  // give each topic the answer it gives alone.
  const rows = Object.values(table).flat();
  const matcher = compileTopics({
    aliases: ALIASES,
    topics: rows.map((row, i) => ({ name: `row ${i}`, query: row.query })),
  });
  it.each(rows.map((row, i) => ({ ...row, i })))('row $i: $query ~ $doc → $match', (row) => {
    const doc =
      typeof row.doc === 'string' ? { title: '', text: row.doc } : { title: '', text: '', ...row.doc };
    const topics = matcher.match(doc).map((h) => h.topic);
    expect(topics.includes(`row ${row.i}`)).toBe(row.match);
  });
});

describe('normalised queries', () => {
  const rows = Object.values(table).flat();
  it.each(rows)('$query re-parses to itself and matches the same', (row) => {
    const [first] = compileTopics({ aliases: ALIASES, topics: [{ name: 't', query: row.query }] }).topics;
    const normalised = first?.normalised ?? '';
    const again = compileTopics({ topics: [{ name: 't', query: normalised }] });
    expect(again.topics[0]?.normalised).toBe(normalised);
    expect(matches({ ...row, query: normalised })).toBe(row.match);
  });
});

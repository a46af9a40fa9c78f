/**
 * Search on what the stand-ins hold: story and item records in dynalite, texts in s3rver, written
 * by the real adapters, read back by the real ones. The stories are built to tell apart what a
 * search could get wrong: a phrase only in the body, a copy that does not match beside one that
 * does, a story merged into another, a text gone from the archive, the budget of copies read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/client.ts';
import { createDynamoStore } from '../../../lambdas/adapters/dynamodb/store/index.ts';
import { createS3Archive } from '../../../lambdas/adapters/s3/archive.ts';
import { createS3ArchiveReader } from '../../../lambdas/adapters/s3/archive-reader.ts';
import { createS3Client } from '../../../lambdas/adapters/s3/client.ts';
import type { Article } from '../../../lambdas/core/model.ts';
import {
  InvalidSearchError,
  type SearchSources,
  searchSince,
  searchStories,
} from '../../../lambdas/core/query/search.ts';
import { provision, type StandIns, startStandIns } from '../../../lambdas/local/standins.ts';
import { testArticle } from '../../support/articles.ts';
import { recordsBuilder } from '../../support/records.ts';

const TABLE = 'search-test';
const BUCKET = 'search-test';
const HOUR = 3_600_000;
const base = Date.now() - 30 * HOUR;

/** A copy first seen (and published) `hoursIn` hours after `base`, with a body of its own. */
const copy = (id: string, outlet: string, title: string, hoursIn: number, text: string): Article =>
  testArticle(id, outlet, title, new Date(base + hoursIn * HOUR), { text });

const ARTICLES = {
  herald: copy(
    'herald',
    'Harbour Herald',
    'Court halts Larkspur expansion',
    0,
    'A regional court suspended the dredging permits. The judge said the assessment ignored the oyster beds north of the breakwater.',
  ),
  ledger: copy(
    'ledger',
    'Metro Ledger',
    'Judge freezes terminal plan',
    1,
    'Plans to enlarge the terminal were put on hold after the permits were suspended.',
  ),
  // A second story, later merged into the first: its copy counts for the survivor.
  coastal: copy(
    'coastal',
    'Coastal Daily',
    'Dredging stopped at Larkspur',
    2,
    'Fishing families welcomed the ruling that protects the oyster beds.',
  ),
  chip: copy(
    'chip',
    'Northern Wire',
    'Chipmaker opens research centre',
    3,
    'The company will lease a warehouse near the docks for its oyster-free clean rooms.',
  ),
  // Its text is deleted from nowhere: it is never archived, as after the archive's expiry.
  orphan: copy('orphan', 'Harbour Herald', 'Oyster beds survey published', 4, 'lost text'),
};

describe('search over stored stories (dynalite and s3rver)', () => {
  let standIns: StandIns;
  let sources: SearchSources;
  const since = () => searchSince('7d', new Date());

  beforeAll(async () => {
    standIns = await startStandIns();
    await provision(standIns.endpoints, TABLE, BUCKET);
    const s3 = createS3Client({ endpoints: standIns.endpoints });
    const store = createDynamoStore(createDocumentClient({ endpoints: standIns.endpoints }), TABLE);
    const records = recordsBuilder()
      .add('court', ARTICLES.herald)
      .add('court', ARTICLES.ledger)
      .add('dredging', ARTICLES.coastal)
      .add('chip', ARTICLES.chip)
      .add('survey', ARTICLES.orphan)
      .merge('dredging', 'court')
      .records();
    const archive = createS3Archive(s3, BUCKET);
    const items = await Promise.all(
      records.items.map(async (item) => {
        if (item.id === 'orphan') return { ...item, textKey: 'text/00/gone.gz' };
        const text = ARTICLES[item.id as keyof typeof ARTICLES].text;
        return { ...item, textKey: await archive.put('text', new TextEncoder().encode(text), 'text/plain') };
      }),
    );
    await store.putStageRecords({ ...records, items });
    sources = { store, archive: createS3ArchiveReader(s3, BUCKET), aliases: { beds: '"oyster beds"' } };
  });
  afterAll(async () => standIns?.stop());

  it('finds a story by a phrase in its body, with the copies that matched and the terms', async () => {
    const result = await searchStories(sources, '"oyster beds" AND (judge OR ruling)', { since: since() });
    expect(result.stories.map((s) => s.story.id)).toEqual(['court']);
    const [court] = result.stories;
    // The merged-away story's copy counts for the survivor; the copy without the phrase is left out.
    expect(court?.copies.map((c) => c.itemId)).toEqual(['herald', 'coastal']);
    expect(court?.copies[0]?.fields).toEqual(['text']);
    expect(court?.copies[0]?.snippet).toContain('oyster beds north of the breakwater');
    expect(court?.terms).toEqual(['"oyster beds"', 'judge', 'ruling']);
    expect(court?.story.outlets).toEqual(['Coastal Daily', 'Harbour Herald', 'Metro Ledger']);
    expect(result).toMatchObject({ complete: true, read: 5, missingTexts: 1 });
    expect(result.searchedBack).toBeUndefined();
  });

  it('matches a copy whose text is gone on its headline, and says so', async () => {
    const result = await searchStories(sources, 'survey', { since: since() });
    expect(result.stories.map((s) => s.story.id)).toEqual(['survey']);
    expect(result.missingTexts).toBe(1);
  });

  it('reads the query as topics do: aliases, NOT and scopes, newest story first', async () => {
    const byAlias = await searchStories(sources, '@beds', { since: since() });
    expect(byAlias.query).toBe('"oyster beds"');
    expect(byAlias.stories.map((s) => s.story.id)).toEqual(['survey', 'court']);
    const scoped = await searchStories(sources, '@beds NOT source:"Coastal Daily"', { since: since() });
    expect(scoped.stories.find((s) => s.story.id === 'court')?.copies.map((c) => c.itemId)).toEqual([
      'herald',
    ]);
    const inTitle = await searchStories(sources, 'title:larkspur', { since: since() });
    expect(inTitle.stories.map((s) => s.copies.map((c) => c.itemId))).toEqual([['herald', 'coastal']]);
  });

  it('stops at its budget of copies, newest stories first, and says how far back it read', async () => {
    const result = await searchStories(sources, 'oyster*', { since: since(), maxCopies: 2 });
    expect(result.complete).toBe(false);
    // Newest first: the survey (one copy), then the chip story (one copy); nothing older was read.
    expect(result.read).toBe(2);
    expect(result.stories.map((s) => s.story.id)).toEqual(['survey', 'chip']);
    expect(result.searchedBack).toBe(new Date(base + 3 * HOUR).toISOString());
  });

  it('leaves out stories first seen before `since`', async () => {
    const result = await searchStories(sources, '@beds', {
      since: new Date(base + 3.5 * HOUR).toISOString(),
    });
    expect(result.stories.map((s) => s.story.id)).toEqual(['survey']);
  });

  it('refuses an empty query and says where a broken one fails', async () => {
    await expect(searchStories(sources, '  ', { since: since() })).rejects.toThrow(InvalidSearchError);
    await expect(searchStories(sources, 'larkspur AND (', { since: since() })).rejects.toThrow(
      /^at position 15: expected /,
    );
    await expect(searchStories(sources, '@nobody', { since: since() })).rejects.toThrow(
      /at position 1: expected a defined alias, not @nobody/,
    );
  });
});

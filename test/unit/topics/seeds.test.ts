import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTopics } from '../../../lambdas/core/topics/index.ts';
import { sharedFolder } from '../../support/shared.ts';

const { dir: seeds, runs } = sharedFolder('seeds');

/** The raw seed pages (furniture included): tagging here only checks words and spellings. */
function seedItems(): { id: string; title: string; text: string }[] {
  return readdirSync(seeds)
    .filter((name) => /^\d{3}_.*\.txt$/.test(name))
    .sort()
    .map((name) => ({ id: name.slice(0, 3), title: '', text: readFileSync(path.join(seeds, name), 'utf8') }));
}

describe.runIf(runs)('topics on the seed articles', () => {
  const matcher = compileTopics({
    topics: [
      { name: 'defense spending', query: '"defense spending"' },
      { name: '2+2', query: '"2+2"' },
      { name: 'cancel', query: 'cancel' },
      { name: 'five percent', query: '5%' },
    ],
  });
  // Read in beforeAll: a skipped describe still runs its body while collecting.
  let tagged: Record<string, string[]> = {};
  beforeAll(() => {
    tagged = Object.fromEntries(
      seedItems().map((item) => [item.id, matcher.match(item).map((h) => h.topic)]),
    );
  });

  it('treats The Independent’s "defence spending" as the phrase "defense spending"', () => {
    expect(tagged['002']).toContain('defense spending');
    expect(Object.values(tagged).filter((topics) => topics.includes('defense spending'))).toHaveLength(5);
  });

  it('finds the 2+2 talks only in the cancellation story', () => {
    expect(Object.keys(tagged).filter((id) => tagged[id]?.includes('2+2'))).toEqual(['002', '003']);
  });

  it('matches cancel, cancels, cancelled and canceled, and nothing in the Rubio briefing rewrites', () => {
    expect(Object.keys(tagged).filter((id) => tagged[id]?.includes('cancel'))).toEqual(['002', '003', '004']);
  });

  it('reads The Independent’s "5 per cent" as 5%', () => {
    expect(Object.keys(tagged).filter((id) => tagged[id]?.includes('five percent'))).toEqual([
      '000',
      '001',
      '002',
      '003',
      '004',
    ]);
  });
});

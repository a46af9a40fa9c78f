/**
 * Which member a story is credited to, and which headline it carries. The rule lives here and
 * nowhere else; the store and the reading of merged stories only compare what it produces.
 *
 * 1. The first reporter is the member published earliest. Members without a publish date rank
 *    after every dated one, by when newswatch first saw them: a story none of whose members is
 *    dated is credited to the copy seen first.
 * 2. Equal times (syndicated copies often carry one timestamp) go to the outlet whose name sorts
 *    first, then to the lower item id. Never to whichever copy happened to arrive first.
 * 3. The headline is the title of the first member, in that order, that has a non-empty title
 *    of the outlet's own. Only when no member has one is it the first reporter's derived title
 *    (feeds/title.ts) or opening words, so a headline is never empty.
 *
 * Each member reduces to two rank strings that sort in that order, and the store keeps the
 * smallest of each with a conditional write. A minimum is the same whatever order it is taken
 * in, so retries, concurrent fetchers and late copies all end on the same first reporter and
 * headline. They change only when a copy that ranks earlier arrives, and never change back.
 */
import type { Article } from '../model.ts';

export interface Credit {
  /** Sorts before the rank of every member reported later (rules 1 and 2). */
  firstRank: string;
  /** Sorts before the rank of every member whose headline the story would rather not carry (rule 3). */
  headlineRank: string;
  /** The headline this member gives the story if it ranks first: never empty. */
  headline: string;
  /** The publish time as the rank read it; absent when the item has no usable date. */
  published?: string;
}

/** Sorts below every character, so an outlet sorts before any longer name it begins (Metro < Metro Ledger). */
const SEPARATOR = '\u0000';
const OPENING_MAX_CHARS = 90;

/** What the rule reads of a member; a stored item's text is in the archive, and its title is never empty. */
export type Creditable = Pick<
  Article,
  'id' | 'title' | 'titleDerived' | 'outlet' | 'published' | 'firstSeen' | 'summary'
> & {
  text?: string;
};

export function creditOf(item: Creditable): Credit {
  const published = instant(item.published);
  // ISO instants of one width sort as they happen; dated ('0') before undated ('1').
  const when = published ? `0${published}` : `1${instant(item.firstSeen) ?? item.firstSeen}`;
  const firstRank = [when, item.outlet, item.id].join(SEPARATOR);
  const title = item.title.trim();
  // A title newswatch made up for an untitled item (feeds/title.ts) yields to any outlet's own.
  const titled = title !== '' && item.titleDerived === undefined;
  return {
    firstRank,
    headlineRank: `${titled ? 0 : 1}${firstRank}`,
    headline: title || openingWords(item),
    ...(published ? { published } : {}),
  };
}

/** The same instant in one fixed-width form, whatever offset the feed wrote it with. */
function instant(iso: string | undefined): string | undefined {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function openingWords(item: Creditable): string {
  const text = (item.text?.trim() || item.summary || '').replace(/\s+/g, ' ').trim();
  if (!text) return `Untitled report from ${item.outlet}`;
  if (text.length <= OPENING_MAX_CHARS) return text;
  const cut = text.slice(0, OPENING_MAX_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > 0 ? cut.slice(0, lastSpace) : cut}…`;
}

/**
 * Store records in a precise shape, for tests that need one the clusterer would not produce on its
 * own (a given membership's evidence, a merge between two chosen stories). Story records are
 * folded by the stage's own functions (core/stage/stories.ts), so their credit fields are what the
 * stage would write; prefer `testPipeline(...).ingest` (pipeline.ts) wherever any shape will do.
 */
import type { Article, Membership, StoredItem, Story, TopicMatch } from '../../lambdas/core/model.ts';
import type { StageRecords } from '../../lambdas/core/stage/journal.ts';
import { merged, withMember } from '../../lambdas/core/stage/stories.ts';

export type MembershipFields = Partial<Omit<Membership, 'storyId' | 'itemId'>>;

export interface RecordsBuilder {
  /** The article joins (or, if the story is not known yet, starts) the story. */
  add(storyId: string, article: Article, membership?: MembershipFields): RecordsBuilder;
  /** The absorbed story is merged into the survivor, both records saying so. */
  merge(absorbedId: string, survivorId: string): RecordsBuilder;
  match(match: TopicMatch): RecordsBuilder;
  story(storyId: string): Story | undefined;
  records(): Omit<StageRecords, 'intents'>;
}

export function storedItem(article: Article, membership: Membership): StoredItem {
  const { text, ...rest } = article;
  return { ...rest, textLength: text.length, membership };
}

export function recordsBuilder(now = new Date().toISOString()): RecordsBuilder {
  const stories = new Map<string, Story>();
  const items: StoredItem[] = [];
  const matches: TopicMatch[] = [];
  const builder: RecordsBuilder = {
    add(storyId, article, fields = {}) {
      const isNew = fields.isNew ?? !stories.has(storyId);
      const membership: Membership = {
        storyId,
        itemId: article.id,
        isNew,
        method: isNew ? 'new' : 'similar',
        score: 1,
        evidence: {},
        ...fields,
      };
      stories.set(
        storyId,
        withMember(stories.get(storyId), storyId, { ...article, textLength: article.text.length }, now),
      );
      items.push(storedItem(article, membership));
      return builder;
    },
    merge(absorbedId, survivorId) {
      const absorbed = stories.get(absorbedId);
      const survivor = stories.get(survivorId);
      if (!absorbed || !survivor) throw new Error(`merge of unknown stories ${absorbedId} -> ${survivorId}`);
      const [gone, grown] = merged(absorbed, survivor, now);
      stories.set(gone.id, gone);
      stories.set(grown.id, grown);
      return builder;
    },
    match(m) {
      matches.push(m);
      return builder;
    },
    story: (id) => stories.get(id),
    records: () => ({ items: [...items], stories: [...stories.values()], matches: [...matches] }),
  };
  return builder;
}

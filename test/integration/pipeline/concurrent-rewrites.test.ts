/**
 * Rewrites, not just syndicated copies, arriving at the same moment through separate fetchers:
 * the sample outlets' approval story (original, syndication, paraphrase) and the earlier court
 * story (two reports) must end in one story each, however the ingests interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClusterIndex } from '../../../lambdas/adapters/dynamodb/cluster-index.ts';
import { createClusterer } from '../../../lambdas/core/clustering/index.ts';
import { loadSamples } from '../../../lambdas/local/sample-feeds.ts';
import { createTestTable, type DynamoTarget, startDynalite } from '../../support/dynamodb.ts';

const ROUNDS = 5;
const samples = loadSamples();

describe('concurrent ingest of rewrites', () => {
  let target: DynamoTarget;
  beforeAll(async () => {
    target = await startDynalite();
  });
  afterAll(async () => target?.stop());

  it(`groups the sample stories the same way in ${ROUNDS} concurrent rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { doc, tableName } = await createTestTable(target.endpoint);
      const seenAt = new Date().toISOString();
      // One clusterer per article: separate fetchers share nothing but the table.
      const order = round % 2 === 0 ? samples.articles : [...samples.articles].reverse();
      const memberships = await Promise.all(
        order.map((a) =>
          createClusterer(createDynamoClusterIndex(doc, tableName)).assign({
            id: a.id,
            title: a.title,
            text: a.body,
            source: a.outlet,
            published: a.published,
            seenAt,
          }),
        ),
      );
      const story = new Map(memberships.map((m) => [m.itemId, m.storyId]));
      const approval = ['herald-expansion-approved', 'wire-expansion-approved', 'coastal-expansion-rewrite'];
      const halted = ['herald-expansion-halted', 'ledger-expansion-halted'];
      expect(new Set(approval.map((id) => story.get(id))).size).toBe(1);
      expect(new Set(halted.map((id) => story.get(id))).size).toBe(1);
      expect(story.get(approval[0] ?? '')).not.toBe(story.get(halted[0] ?? ''));
      expect(new Set(story.values()).size).toBe(3);
    }
  });
});

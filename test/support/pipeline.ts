/**
 * An item's whole path in tests, through the real core: the fetcher's admission (URL claim, text
 * archived) and the story stage (a journal in memory unless a test passes one). Store and topics
 * are the test's; nothing here fakes a decision.
 */
import type { FollowUps } from '../../lambdas/core/alerts/follow-up.ts';
import type { Article, QueuedItem } from '../../lambdas/core/model.ts';
import { type AdmitOutcome, admitItem } from '../../lambdas/core/pipeline/admit.ts';
import type { Archive, Clock, Store } from '../../lambdas/core/ports.ts';
import {
  type SegmentRecord,
  type StageBatch,
  StageFencedError,
  type StageJournal,
  type StageManifest,
} from '../../lambdas/core/stage/journal.ts';
import { createStoryStage, type StageReport, type StoryStage } from '../../lambdas/core/stage/stage.ts';
import { compileTopics, type TopicsSection } from '../../lambdas/core/topics/index.ts';

export interface MemoryJournal extends StageJournal {
  manifests: Map<number, StageManifest>;
  parts: Map<string, SegmentRecord[]>;
  batches: Map<number, StageBatch>;
  /** The newest snapshot written. */
  readonly manifest: StageManifest | undefined;
}

/**
 * The journal as S3 would keep it, in memory: values are copied through JSON, as a store would,
 * and a key is written only if absent, as S3 does with `If-None-Match: *`.
 */
export function createMemoryJournal(): MemoryJournal {
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  function once<K, V>(map: Map<K, V>, key: K, value: V): void {
    if (map.has(key)) throw new StageFencedError(`${String(key)} exists`);
    map.set(key, copy(value));
  }
  const journal: MemoryJournal = {
    manifests: new Map(),
    parts: new Map(),
    batches: new Map(),
    get manifest() {
      return journal.manifests.get(Math.max(0, ...journal.manifests.keys()));
    },
    async readManifest() {
      return journal.manifest && copy(journal.manifest);
    },
    async writeManifest(m) {
      once(journal.manifests, m.gen, m);
    },
    async *readPart(key) {
      const part = journal.parts.get(key);
      if (!part) throw new Error(`no part ${key}`);
      yield* copy(part);
    },
    async writePart(key, records) {
      once(journal.parts, key, [...records]);
    },
    async readBatch(seq) {
      const b = journal.batches.get(seq);
      return b && copy(b);
    },
    async writeBatch(b) {
      once(journal.batches, b.seq, b);
    },
  };
  return journal;
}

/** Texts kept in memory, keyed like the S3 archive: by content. */
export function createMemoryArchive(): Archive & { objects: Map<string, Uint8Array> } {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    async put(kind, body) {
      const key = `${kind}/${Buffer.from(await crypto.subtle.digest('SHA-256', body)).toString('hex')}`;
      objects.set(key, body);
      return key;
    },
  };
}

export interface TestPipeline {
  store: Store;
  stage: StoryStage;
  journal: MemoryJournal;
  archive: Archive;
  /** Admits each article, then hands the new ones to the stage in one batch. */
  ingest(articles: Article[]): Promise<{ admitted: AdmitOutcome[]; report: StageReport }>;
}

export interface TestPipelineOptions {
  topics?: TopicsSection['topics'];
  aliases?: TopicsSection['aliases'];
  clock?: Clock;
  followUps?: FollowUps;
  journal?: MemoryJournal;
  snapshotEvery?: number;
}

export function testPipeline(store: Store, opts: TestPipelineOptions = {}): TestPipeline {
  const journal = opts.journal ?? createMemoryJournal();
  const archive = createMemoryArchive();
  const clock = opts.clock ?? { now: () => new Date() };
  const stage = createStoryStage({
    store,
    journal,
    topics: compileTopics({ topics: opts.topics ?? [], aliases: opts.aliases }),
    clock,
    followUps: opts.followUps,
    snapshotEvery: opts.snapshotEvery,
  });
  return {
    store,
    stage,
    journal,
    archive,
    async ingest(articles) {
      const admitted: AdmitOutcome[] = [];
      for (const a of articles) admitted.push(await admitItem(a, { store, archive }));
      const queued: QueuedItem[] = admitted.flatMap((o) => (o.kind === 'queued' ? [o.item] : []));
      return { admitted, report: await stage.process(queued) };
    },
  };
}

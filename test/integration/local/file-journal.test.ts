/** The story stage's journal in the data folder: written once per key, and an old layout refused with what to do. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StageFencedError, StageJournalError } from '../../../lambdas/core/stage/journal.ts';
import { createFileJournal } from '../../../lambdas/local/file-journal.ts';

const batch = (seq: number) => ({
  seq,
  changes: [],
  stories: [],
  matched: [],
  records: { items: [], stories: [], matches: [], intents: [], alerts: [], followUps: [] },
});

describe('the local stage journal', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets two journals on one folder write each batch once: the second writer is fenced', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-journal-'));
    const a = createFileJournal(dir);
    const b = createFileJournal(dir);
    await a.writeBatch(batch(1));
    await expect(b.writeBatch(batch(1))).rejects.toBeInstanceOf(StageFencedError);
    expect(await b.readBatch(1)).toEqual(batch(1));
    await b.writeBatch(batch(2));
    const manifest = { gen: 1, seq: 2, writtenAt: '2026-11-10T00:00:00.000Z', parts: [] };
    await a.writeManifest(manifest);
    await expect(b.writeManifest(manifest)).rejects.toBeInstanceOf(StageFencedError);
    expect(await b.readManifest()).toEqual(manifest);
  });

  it('refuses a folder an older newswatch wrote, saying how to start again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-journal-'));
    writeFileSync(join(dir, 'snapshot.json.gz'), 'old');
    const read = createFileJournal(dir).readManifest();
    await expect(read).rejects.toBeInstanceOf(StageJournalError);
    await expect(read).rejects.toThrow(/--reset/);
  });
});

/** The local item queue outlives the process that filled it, like SQS, until the stage takes it. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueuedItem } from '../../../lambdas/core/model.ts';
import { createLocalQueue } from '../../../lambdas/local/local-queue.ts';

const item = (id: string): QueuedItem => ({
  id,
  feedId: 'f',
  title: id,
  text: id,
  textLength: id.length,
  categories: [],
  firstSeen: '2026-11-10T10:00:00.000Z',
  outlet: 'Herald',
  contentHash: `h-${id}`,
});

describe('the local item queue', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands a new process what an earlier one queued, in order, until acknowledged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-queue-'));
    const first = createLocalQueue(dir);
    await first.sendItems([item('a'), item('b')]);
    await first.sendItems([item('c')]);
    const later = createLocalQueue(dir);
    const [pending, none] = [...later.pendingBatches(Number.POSITIVE_INFINITY)];
    expect(none).toBeUndefined();
    if (!pending) throw new Error('nothing pending');
    expect(pending.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect([...later.pendingBatches(2)].map((b) => b.items.length)).toEqual([2, 1]);
    pending.ack();
    expect([...later.pendingBatches(2)]).toEqual([]);
  });

  it('ignores a file a stopped process was still writing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-queue-'));
    const queue = createLocalQueue(dir);
    await queue.sendItems([item('a')]);
    const [name] = readdirSync(join(dir, 'queue', 'items'));
    writeFileSync(join(dir, 'queue', 'items', `${name}x.tmp`), '[{"id":"b"');
    expect([...queue.pendingBatches(10)].flatMap((b) => b.items.map((i) => i.id))).toEqual(['a']);
  });
});

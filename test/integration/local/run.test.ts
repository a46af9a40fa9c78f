/** The local runner between runs: what one run leaves behind, the next one finishes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runOnce, startLocal } from '../../../lambdas/local/run.ts';
import { writeDemoConfig } from '../../support/cli.ts';

// As `newswatch run` sets them, before the handlers' modules read them: their JSON lines and
// metrics are for CloudWatch, not for this test's output.
vi.hoisted(() => {
  process.env.NEWSWATCH_LOG_LEVEL ??= 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
});

describe('newswatch run, run after run', () => {
  let dir: string;
  let config: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-local-'));
    config = await writeDemoConfig(join(dir, 'config.yaml'), join(dir, 'data'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends in the next run an alert that a stopped run had claimed but not sent', async () => {
    const stopped = await startLocal(config, { cwd: dir });
    const { store, clock } = stopped.container;
    const now = clock.now().toISOString();
    await store.createAlertIntent({
      storyId: 'left-behind',
      topic: 'Taiwan',
      recipients: ['asia-desk@example.com'],
      mode: 'instant',
      dueAt: now,
      headline: 'Claimed by a run that was stopped',
      outlet: 'Northern Wire',
      terms: ['taiwan'],
      snippet: 'Taiwan',
      createdAt: now,
      status: 'pending',
      attempts: 0,
    });
    expect(await store.claimAlert({ storyId: 'left-behind', topic: 'Taiwan' }, now, 60_000)).toBe(true);
    await stopped.stop();

    const next = await startLocal(config, { cwd: dir });
    try {
      const result = await runOnce(next);
      expect(result.emails.map((e) => e.subject)).toContain(
        '[newswatch] Taiwan: Claimed by a run that was stopped',
      );
      expect((await next.container.store.getAlert({ storyId: 'left-behind', topic: 'Taiwan' }))?.status).toBe(
        'sent',
      );
    } finally {
      await next.stop();
    }
  });
});

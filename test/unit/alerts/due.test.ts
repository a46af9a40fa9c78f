import { describe, expect, it } from 'vitest';
import { alertMode, dueAt } from '../../../lambdas/core/alerts/due.ts';

describe('alert timing', () => {
  const created = new Date('2026-11-20T10:17:42.000Z');

  it('sends instant alerts at once', () => {
    expect(dueAt('instant', created)).toBe('2026-11-20T10:17:42.000Z');
  });

  it('holds hourly digests until the next full hour and daily ones until UTC midnight', () => {
    expect(dueAt('digest hourly', created)).toBe('2026-11-20T11:00:00.000Z');
    expect(dueAt('digest daily', created)).toBe('2026-11-21T00:00:00.000Z');
    expect(dueAt('digest hourly', new Date('2026-11-20T11:00:00.000Z'))).toBe('2026-11-20T12:00:00.000Z');
  });

  it('treats a topic without an alert mode as instant', () => {
    expect(alertMode(undefined)).toBe('instant');
    expect(alertMode('digest daily')).toBe('digest daily');
  });
});

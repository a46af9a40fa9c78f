import { describe, expect, it } from 'vitest';
import { InvalidSinceError, parseSince } from '../../../lambdas/core/query/since.ts';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('parseSince', () => {
  it('reads durations back from now', () => {
    expect(parseSince('24h', now)).toBe('2026-11-19T12:00:00.000Z');
    expect(parseSince('7d', now)).toBe('2026-11-13T12:00:00.000Z');
    expect(parseSince('30m', now)).toBe('2026-11-20T11:30:00.000Z');
    expect(parseSince('2w', now)).toBe('2026-11-06T12:00:00.000Z');
  });

  it('reads dates and times as UTC instants', () => {
    expect(parseSince('2026-11-01', now)).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T08:00:00+02:00', now)).toBe('2026-11-01T06:00:00.000Z');
  });

  it('refuses anything else, saying what it accepts', () => {
    for (const bad of ['yesterday', '24', 'h', '2026-13-45', '-3d']) {
      expect(() => parseSince(bad, now)).toThrow(InvalidSinceError);
    }
    expect(() => parseSince('yesterday', now)).toThrow(
      '"yesterday" is not a time: use a duration back from now (30m, 24h, 7d, 2w) or a date (2026-11-01, 2026-11-01T08:00Z)',
    );
  });
});

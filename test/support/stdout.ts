/** The JSON lines a handler logs to stdout (as on Lambda), captured for the test that reads them. */
import { afterEach, beforeEach, vi } from 'vitest';

export function capturedStdout(): { lines: () => string[] } {
  let lines: string[] = [];
  beforeEach(() => {
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return { lines: () => lines };
}

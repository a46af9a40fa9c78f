/** "Did you mean": the known word a typo most likely meant, if any is close enough. */

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`stoires`). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (rows[i - 1]?.[j - 1] ?? i - 1) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((rows[i - 1]?.[j] ?? j) + 1, (row[j - 1] ?? 0) + 1, i === 0 ? j : substitute);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/**
 * The candidate nearest to `word`, when the typo changed at most a third of it (at least one
 * edit); or the one candidate that `word` is the start of (`--conf` for `--config`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const prefixed = candidates.filter((c) => lower.length >= 2 && c.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance))
      best = { candidate, distance };
  }
  return best?.candidate;
}

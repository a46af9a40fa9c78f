/** The UCI News Aggregator subset (../shared/corpora): headlines with the aggregator's story ids. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterInput } from '../../lambdas/core/clustering/index.ts';

export interface Headline {
  id: string;
  title: string;
  url: string;
  publisher: string;
  story: string;
  /** ISO 8601 from the TIMESTAMP column (ms). */
  time: string;
}

export const UCI_DIR = 'corpora/uci-news-aggregator-subset';

/** RFC 4180 fields: quoted fields may hold commas and doubled quotes. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Rows in time order; the last row of the file is cut mid-line (SOURCE.txt) and is dropped. */
export function loadUci(sharedDir: string): Headline[] {
  const text = readFileSync(path.join(sharedDir, UCI_DIR, 'uci-news-aggregator.csv'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const rows = lines.slice(1, -1).map(parseCsvLine);
  return rows
    .filter((r) => r.length >= 8)
    .map(([id, title, url, publisher, , story, , ts]) => ({
      id: id ?? '',
      title: title ?? '',
      url: url ?? '',
      publisher: publisher ?? '',
      story: story ?? '',
      time: new Date(Number(ts)).toISOString(),
    }))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : Number(a.id) - Number(b.id)));
}

/** Repository and commit the subset was taken from, as SOURCE.txt gives them. */
export function uciProvenance(sharedDir: string): string {
  const source = readFileSync(path.join(sharedDir, UCI_DIR, 'SOURCE.txt'), 'utf8');
  const field = (name: string) => source.match(new RegExp(`^${name}:\\s*(.+)$`, 'm'))?.[1]?.trim() ?? '?';
  return `${field('repo')} @ ${field('commit').slice(0, 12)}`;
}

/** A headline as the engine takes it: no body, published and seen when the aggregator crawled it. */
export function headlineInput(h: Headline): ClusterInput {
  return {
    id: h.id,
    title: h.title,
    text: '',
    url: h.url,
    source: h.publisher,
    published: h.time,
    seenAt: h.time,
  };
}

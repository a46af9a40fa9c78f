/**
 * Marks a topic's matched terms in a snippet, so a reader sees at a glance why the story matched.
 * Terms come as the matcher displays them (`larkspur`, `"larkspur terminal"`, `defen*`,
 * `title:poll`); words compare without case or accents. Spelling variants the matcher also accepts
 * (defence/defense) are not marked: the terms line above the snippet still names them.
 */
import { escapeHtml } from './escape.ts';

interface Word {
  start: number;
  end: number;
  folded: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: fold(m[0]),
  }));
}

/** A term as word patterns: a trailing `*` matches any word it begins. */
function patternOf(term: string): { word: string; prefix: boolean }[] {
  const bare = term.replace(/^[a-z]+:/i, '');
  return [...bare.matchAll(/[\p{L}\p{N}'’]+\*?/gu)].map((m) => ({
    word: fold(m[0].replace(/\*$/, '')),
    prefix: m[0].endsWith('*'),
  }));
}

function matchesAt(words: Word[], at: number, pattern: { word: string; prefix: boolean }[]): boolean {
  return pattern.every((p, i) => {
    const w = words[at + i]?.folded;
    return w !== undefined && (p.prefix ? w.startsWith(p.word) : w === p.word);
  });
}

/** Character ranges of every occurrence of any term, merged where they touch. */
function ranges(text: string, terms: readonly string[]): [number, number][] {
  const words = wordsOf(text);
  const patterns = terms.map(patternOf).filter((p) => p.length > 0);
  const found: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    for (const pattern of patterns) {
      const last = words[i + pattern.length - 1];
      const first = words[i];
      if (first && last && matchesAt(words, i, pattern)) found.push([first.start, last.end]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const prev = merged.at(-1);
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The snippet as HTML: escaped, with each term occurrence in `<mark>`. */
export function highlightHtml(text: string, terms: readonly string[]): string {
  let html = '';
  let at = 0;
  for (const [start, end] of ranges(text, terms)) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** The snippet as plain text, each term occurrence in *asterisks*. */
export function highlightText(text: string, terms: readonly string[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges(text, terms)) {
    out += `${text.slice(at, start)}*${text.slice(start, end)}*`;
    at = end;
  }
  return out + text.slice(at);
}

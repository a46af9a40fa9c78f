/**
 * Marks a topic's matched terms in a snippet, so a reader sees at a glance why the story matched.
 * Terms come as the matcher displays them (`larkspur`, `"larkspur terminal"`, `defen*`,
 * `title:poll`, `"防衛 費"`); the snippet and the terms are split into words by the tokenizer the
 * matcher uses, so a word inside unspaced text ("防衛費増額") is marked on exactly its characters.
 * Spelling variants the matcher also accepts (defence/defense) are not marked: the terms line
 * above the snippet still names them.
 */
import { tokenize } from '../text/tokenize.ts';
import { escapeHtml } from './escape.ts';

interface WordPattern {
  word: string;
  prefix: boolean;
}

const SCOPES_RE = /^(?:(?:title|source|url|case):)+/i;

/** A term as word patterns: a trailing `*` matches any word it begins. `lang:` marks no words. */
function patternOf(term: string): WordPattern[] {
  if (/^lang:/i.test(term)) return [];
  const bare = term.replace(SCOPES_RE, '').replace(/^"|"$/g, '');
  const prefix = bare.endsWith('*');
  const { words } = tokenize(prefix ? bare.slice(0, -1) : bare);
  return words.map((word, i) => ({ word, prefix: prefix && i === words.length - 1 }));
}

function matchesAt(words: string[], at: number, pattern: WordPattern[]): boolean {
  return pattern.every((p, i) => {
    const w = words[at + i];
    return w !== undefined && (p.prefix ? w.startsWith(p.word) : w === p.word);
  });
}

/** Character ranges of every occurrence of any term, merged where they touch. */
function ranges(text: string, terms: readonly string[]): [number, number][] {
  const { words, starts, ends } = tokenize(text);
  const patterns = terms.map(patternOf).filter((p) => p.length > 0);
  const found: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    for (const pattern of patterns) {
      const start = starts[i];
      const end = ends[i + pattern.length - 1];
      if (start !== undefined && end !== undefined && matchesAt(words, i, pattern)) found.push([start, end]);
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

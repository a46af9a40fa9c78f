/**
 * Marks a topic's matched terms in a snippet, so a reader sees at a glance why the story matched.
 * Terms come as the matcher displays them (`larkspur`, `"larkspur terminal"`, `defen*`,
 * `title:poll`, `"防衛 費"`); the snippet and the terms are split into words by the tokenizer the
 * matcher uses, so a word inside unspaced text ("防衛費増額") is marked on exactly its characters.
 * Spelling variants the matcher also accepts (defence/defense) are not marked: the terms line
 * above the snippet still names them. In a text of a stemmed language, a bare word is marked on
 * every word with its stem, as the matcher matched them (topics/document.ts).
 */
import { type Stem, stemmerOf } from '../text/stemmers.ts';
import { tokenize } from '../text/tokenize.ts';
import { escapeHtml } from './escape.ts';

interface WordPattern {
  word: string;
  prefix: boolean;
  /** The word's stem, for a bare word in a text of a stemmed language. */
  stem?: string | undefined;
}

const SCOPES_RE = /^(?:(?:title|source|url|case):)+/i;
// The matcher inflects only words neither quoted nor under case: (ast.ts).
const INFLECTED_RE = /^(?:(?:title|source|url):)*[^"*:]+$/i;

/** A term as word patterns: a trailing `*` matches any word it begins. `lang:` marks no words. */
function patternOf(term: string, stem: Stem | undefined): WordPattern[] {
  if (/^lang:/i.test(term)) return [];
  const bare = term.replace(SCOPES_RE, '').replace(/^"|"$/g, '');
  const prefix = bare.endsWith('*');
  const { words } = tokenize(prefix ? bare.slice(0, -1) : bare);
  const [only] = words;
  if (stem && only !== undefined && words.length === 1 && INFLECTED_RE.test(term)) {
    return [{ word: only, prefix: false, stem: stem(only) }];
  }
  return words.map((word, i) => ({ word, prefix: prefix && i === words.length - 1 }));
}

function matchesAt(words: string[], at: number, pattern: WordPattern[], stem: Stem | undefined): boolean {
  return pattern.every((p, i) => {
    const w = words[at + i];
    if (w === undefined) return false;
    if (p.prefix) return w.startsWith(p.word);
    return w === p.word || (p.stem !== undefined && stem?.(w) === p.stem);
  });
}

/** Character ranges of every occurrence of any term, merged where they touch. */
function ranges(text: string, terms: readonly string[], lang: string | undefined): [number, number][] {
  const { words, starts, ends } = tokenize(text);
  const stem = lang === undefined ? undefined : stemmerOf(lang);
  const patterns = terms.map((term) => patternOf(term, stem)).filter((p) => p.length > 0);
  const found: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    for (const pattern of patterns) {
      const start = starts[i];
      const end = ends[i + pattern.length - 1];
      if (start !== undefined && end !== undefined && matchesAt(words, i, pattern, stem))
        found.push([start, end]);
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

/** The snippet as HTML: escaped, with each term occurrence in `<mark>`; `lang` is the text's language. */
export function highlightHtml(text: string, terms: readonly string[], lang?: string): string {
  let html = '';
  let at = 0;
  for (const [start, end] of ranges(text, terms, lang)) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** The snippet as plain text, each term occurrence in *asterisks*. */
export function highlightText(text: string, terms: readonly string[], lang?: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges(text, terms, lang)) {
    out += `${text.slice(at, start)}*${text.slice(start, end)}*`;
    at = end;
  }
  return out + text.slice(at);
}

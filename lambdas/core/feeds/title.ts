/**
 * A headline for an item the feed gave none (or only whitespace): never an empty headline or
 * subject line. In order: the text's first sentence, cut at a word boundary; the URL's last
 * readable path segment, de-slugged ("larkspur-strike-ends" → "Larkspur strike ends"); else
 * "Untitled report from <outlet>".
 */
import type { Article } from '../model.ts';

export const DERIVED_TITLE_MAX_CHARS = 90;

export interface DerivedTitle {
  title: string;
  from: NonNullable<Article['titleDerived']>;
}

export function deriveTitle(text: string, url: string | undefined, outlet: string): DerivedTitle {
  const sentence = firstSentence(text);
  if (sentence) return { title: cutAtWord(sentence, DERIVED_TITLE_MAX_CHARS), from: 'text' };
  const slug = url ? titleFromUrl(url) : undefined;
  if (slug) return { title: cutAtWord(slug, DERIVED_TITLE_MAX_CHARS), from: 'url' };
  return { title: `Untitled report from ${outlet}`, from: 'outlet' };
}

/** A word before a full stop that does not end a sentence: "Mr.", "St.", "U.S.", "J.". */
function isAbbreviation(word: string): boolean {
  const bare = word.replace(/^[("'“‘[]+/, '');
  return /^(\p{Lu}\p{Ll}{0,2}|\p{L}(\.\p{L})+|\p{L})$/u.test(bare);
}

/** The first sentence of the text's first non-empty line (the whole line when it has no sentence end). */
export function firstSentence(text: string): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/\s+/g, ' ').trim();
  const end = /([^\s]*)([.!?]+)["'”’)]*(?=\s+["'“‘(]?\p{Lu})/gu;
  for (let m = end.exec(line); m; m = end.exec(line)) {
    if (m[2] === '.' && isAbbreviation(m[1] ?? '')) continue;
    return line.slice(0, m.index + m[0].length);
  }
  return line;
}

/** At most `max` characters, cut at the last word boundary with an ellipsis when it had to be cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const kept = lastSpace > max / 3 ? cut.slice(0, lastSpace) : cut;
  return `${kept.replace(/[\s,;:.!?—–-]+$/u, '')}…`;
}

const GENERIC_SEGMENT =
  /^(index|default|article|articles|story|stories|news|post|posts|amp|html?|p|a|en|de|fr)$/i;

/** The last path segment that reads as words, de-slugged; undefined when none does. */
export function titleFromUrl(url: string): string | undefined {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/');
  } catch {
    return undefined;
  }
  for (const segment of segments.reverse()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      decoded = segment;
    }
    const words = decoded
      .replace(/\.(s?html?|php|aspx?|jsp|cms)$/i, '')
      .split(/[-_+\s.]+/)
      .filter((w) => w !== '' && /\p{L}/u.test(w) && !/^[\da-f]{6,}$/i.test(w) && !/\d{4,}/.test(w));
    if (words.length === 0 || (words.length === 1 && GENERIC_SEGMENT.test(words[0] ?? ''))) continue;
    const sentence = words.join(' ');
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }
  return undefined;
}

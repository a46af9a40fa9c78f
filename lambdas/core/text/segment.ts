/**
 * Words of the scripts written without spaces between them (Chinese, Japanese, Thai, Lao, Khmer,
 * Myanmar). A run of such letters is one "word" to a scanner that splits on spaces and
 * punctuation, so "防衛費増額" would never contain "防衛費". ICU's word breaker (Node ships full ICU)
 * splits it with its own dictionaries: nothing to ship or load. Topics, search, highlighting and
 * the story fingerprint all split through here, so a query and a text agree on what a word is.
 */

// Hangul is spaced, so it is not here; the prolonged sound mark ー is Common script but only
// written inside katakana words.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30FC]/u;

/** Below the Thai block no letter is of an unspaced script: most text is ruled out by one compare. */
const FIRST_UNSPACED = 0x0e00;

/** True when text[start, end) has a letter of a script written without spaces. */
export function hasUnspaced(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= FIRST_UNSPACED) return UNSPACED.test(text.slice(i, end));
  }
  return false;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Calls `visit` with the range of each word of text[start, end), in order. ICU's dictionaries do
 * not depend on the locale asked for, so one segmenter serves every language.
 */
export function visitSegments(
  text: string,
  start: number,
  end: number,
  visit: (start: number, end: number) => void,
): void {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  for (const s of segmenter.segment(text.slice(start, end))) {
    if (s.isWordLike) visit(start + s.index, start + s.index + s.segment.length);
  }
}

const HANGUL_WORD = /^\p{Script=Hangul}+$/u;

/** Korean words carry their particles ("윤석열은", "윤석열이"): callers match them by their start. */
export function isHangul(word: string): boolean {
  return HANGUL_WORD.test(word);
}

/** Character classes for the tokeniser, with an ASCII fast path before the Unicode tests. */

const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const LETTER_RE = /\p{L}/u;
const MARK_RE = /\p{M}/u;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigit(c) || isAsciiLetter(c);
  return WORD_CHAR_RE.test(text[i] ?? '');
}

export function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiLetter(c) : LETTER_RE.test(text[i] ?? '');
}

export function skipMarks(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 128 && MARK_RE.test(text[j] ?? '')) j++;
  return j;
}

export function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x02bc;
}

export function isGroupSeparator(c: number): boolean {
  return c === 0x2c || c === 0xa0 || c === 0x202f || c === 0x2009;
}

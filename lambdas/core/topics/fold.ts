/**
 * Case and diacritic folding shared by documents and queries, so "Señor", "SENOR" and "senor" are
 * one word on both sides of the comparison.
 */

// Letters that NFKD leaves whole because they are not a base letter plus a mark.
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const LIGATURE_RE = /[ßæœøłđðþı]/g;
const MARKS_RE = /\p{M}/gu;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) return false;
  }
  return true;
}

export function foldWord(raw: string): string {
  return foldLowercase(raw.toLowerCase());
}

/** foldWord for text already lower-cased. */
export function foldLowercase(lower: string): string {
  // Most news text is ASCII: skip the costly Unicode normalisation for it.
  if (isAscii(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c);
}

/** Typographic quotes become ASCII ones, one character for one, so query positions stay valid. */
export function straightenQuotes(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u02BC\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"');
}

/**
 * How `case:` compares a word: as written, less the dots of "U.S." and a possessive 's, with one
 * apostrophe for all, so case:US finds "US", "U.S." and "US's" but not "us".
 */
export function caseForm(raw: string): string {
  return raw
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/'s$/, '')
    .replaceAll('.', '');
}

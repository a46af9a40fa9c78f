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
// Accents are dropped where readers and outlets drop them (Latin, Greek and Cyrillic letters, and
// Arabic and Hebrew vowel points, which most text leaves out). Elsewhere a mark is part of the
// letter: Thai vowels and tones, Devanagari vowel signs, kana voicing (ガ is not カ). NFC then
// puts those back on their letters, as it puts Hangul syllables back together after NFKD.
const MARKS_RE =
  /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]\p{M}*)\p{M}/gu;

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
  // Most news text is ASCII: skip the costly Unicode normalisation for it. NFKD also folds
  // full-width letters and digits ("２０２６", "ＮＨＫ") and half-width katakana to their usual forms.
  if (isAscii(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .normalize('NFC')
    .toLowerCase();
}

/**
 * An elided French or Italian article or preposition before a word ("l'Europe", "d'Europe",
 * "qu'il", "dell'Italia"): the word is the same with or without it.
 */
const ELISION_RE =
  /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|un|dell|dall|nell|sull|all|quell)['\u2019\u02BC](?=[\p{L}\p{M}]{2})/iu;

export function withoutElision(word: string): string {
  return word.replace(ELISION_RE, '');
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

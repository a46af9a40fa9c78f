/**
 * The dictionary forms an English word may be an inflection of, by spelling rules alone. A query
 * word gets the forms of every candidate, so a candidate that is no word ("hous" from "houses",
 * whose own forms are houses, housed, housing) costs nothing; the rules are shaped to avoid
 * candidates that are other, common words ("noting" is not "not", "used" is not "us"). A WordNet
 * lemmatiser would choose better but weighs 1.7 MB, more than three times a Lambda bundle's budget.
 */
import irregularVerbs from 'english-verbs-irregular/dist/verbs.json' with { type: 'json' };

type IrregularTable = Record<string, string[][]>;
export const IRREGULAR_VERBS = irregularVerbs as IrregularTable;

// Irregular plurals and present tenses that no suffix rule reaches.
const IRREGULAR_BASES = new Map<string, string>([
  ['children', 'child'],
  ['people', 'person'],
  ['mice', 'mouse'],
  ['feet', 'foot'],
  ['teeth', 'tooth'],
  ['geese', 'goose'],
  ['crises', 'crisis'],
  ['analyses', 'analysis'],
  ['theses', 'thesis'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['men', 'man'],
  ['goes', 'go'],
  ['going', 'go'],
  ['doing', 'do'],
  ['being', 'be'],
  ['has', 'have'],
  ['does', 'do'],
  ['is', 'be'],
  ['are', 'be'],
]);

/** Past tense or participle → base form, for every irregular verb. */
const IRREGULAR_PAST = new Map<string, string[]>();
for (const [base, pairs] of Object.entries(IRREGULAR_VERBS)) {
  for (const form of pairs.flat()) {
    if (form === base) continue;
    IRREGULAR_PAST.set(form, [...(IRREGULAR_PAST.get(form) ?? []), base]);
  }
}

// A base never ends in a vowel but u before a dropped e: "being" is not "bee", "issuing" is "issue".
const VOWEL_END_RE = /[aeioy]$/;
const HAS_VOWEL_RE = /[aeiouy]/;
const DOUBLED_END_RE = /([b-df-hj-np-tv-z])\1$/;
// One syllable ending consonant-vowel-consonant: such a verb doubles its last letter before -ed
// and -ing (hop → hopping), so an undoubled "hoping" comes from "hope", never "hop".
const SHORT_CVC_RE = /^[^aeiouy]*[aeiou][^aeiouwxy]$/;

/** Bases of a word read as a noun plural or a verb's third person. */
function pluralBases(word: string): string[] {
  if (!word.endsWith('s') || word.endsWith('ss')) return [];
  const out = [word.slice(0, -1)];
  const stem = word.slice(0, -3);
  // "-ies" after one letter is "-ie" (dies, ties), after more "-y" (policies) or "-ie" (movies).
  if (word.endsWith('ies') && stem.length > 1) out.push(`${stem}y`);
  // Not every "-ses": "loses" is not "los", nor "saves" "safe" below.
  if (/(ss|as|us|x|z|ch|sh)es$/.test(word) || (word.endsWith('oes') && word.length > 5)) {
    out.push(word.slice(0, -2));
  }
  if (/(lves|eaves|ieves)$/.test(word)) out.push(`${stem}f`);
  if (word.endsWith('ives')) out.push(`${stem}fe`);
  return out;
}

/** Bases of a word read as a regular past tense, participle or gerund. */
function verbBases(word: string): string[] {
  const suffix = /(ed|ing)$/.exec(word)?.[1];
  if (suffix === undefined) return [];
  const stem = word.slice(0, -suffix.length);
  if (word.endsWith('ied')) return [stem.length > 2 ? `${stem.slice(0, -1)}y` : `${stem}e`];
  if (word.endsWith('ying') && stem.length === 2) return [`${stem.slice(0, -1)}ie`];
  // Too short to have lost a suffix: "thing", "need", "heed".
  if (
    !HAS_VOWEL_RE.test(stem) ||
    stem.length < 2 ||
    (suffix === 'ed' && VOWEL_END_RE.test(stem) && stem.length < 3)
  )
    return [];
  if (DOUBLED_END_RE.test(stem)) {
    // A short word ending ll, ss, ff or zz keeps it ("filled" is "fill", not "fil"); other doubles
    // are the suffix's (stopped, planned), and a long word may be either (cancelled, controlled).
    const single = stem.slice(0, -1);
    return /[lsfz]$/.test(stem) && SHORT_CVC_RE.test(single) ? [stem] : [stem, single];
  }
  // A final c takes a k before the suffix: panicked, trafficking (not "tracked", whose base is "track").
  if (stem.length > 5 && stem.endsWith('ck')) return [stem, stem.slice(0, -1)];
  const out = SHORT_CVC_RE.test(stem) ? [] : [stem];
  // The base's silent e dropped before the suffix: noting → note, agreed → agree.
  if (!VOWEL_END_RE.test(stem) || (suffix === 'ed' && stem.endsWith('e') && stem.length > 2)) {
    out.push(`${stem}e`);
  }
  return out;
}

/**
 * Dictionary forms a word may be an inflection of, other than itself: "meetings" → "meeting",
 * "spent" → "spend", "policies" → "policy", "hoping" → "hope", "women" → "woman".
 */
export function lemmaCandidates(word: string): string[] {
  const out = [...(IRREGULAR_PAST.get(word) ?? [])];
  const irregular = IRREGULAR_BASES.get(word);
  if (irregular !== undefined) out.push(irregular);
  if (word.length > 4 && word.endsWith('men')) out.push(`${word.slice(0, -3)}man`);
  // A base of two letters or none with a vowel is a misreading, and often a stop word: "its", "thing".
  const ruled = [...pluralBases(word), ...verbBases(word)].filter(
    (base) => base.length > 2 && HAS_VOWEL_RE.test(base),
  );
  return [...new Set([...out, ...ruled])].filter((base) => base !== word);
}

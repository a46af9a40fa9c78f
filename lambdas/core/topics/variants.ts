/**
 * The surface forms one query word stands for. Variants are generated on the query side at compile
 * time, so documents are only folded, never stemmed: a generated form that is not a real word
 * ("budgetted") costs nothing, and nothing strips "-ese", so "Japanese" never becomes "Japan".
 */
import { IRREGULAR_VERBS, lemmaCandidates } from './lemmas.ts';

// Only-British and only-American words that no suffix rule covers.
const WORD_PAIRS: [string, string][] = [
  ['grey', 'gray'],
  ['aluminium', 'aluminum'],
  ['sceptic', 'skeptic'],
  ['sceptical', 'skeptical'],
  ['scepticism', 'skepticism'],
  ['judgement', 'judgment'],
  ['ageing', 'aging'],
  ['pyjamas', 'pajamas'],
  ['moustache', 'mustache'],
  ['jewellery', 'jewelry'],
  ['plough', 'plow'],
  ['mould', 'mold'],
  ['enrol', 'enroll'],
  ['fulfil', 'fulfill'],
  ['skilful', 'skillful'],
  ['instalment', 'installment'],
  ['artefact', 'artifact'],
  ['cosy', 'cozy'],
  ['practise', 'practice'],
  ['manoeuvre', 'maneuver'],
  ['kilometre', 'kilometer'],
  ['enrolment', 'enrollment'],
  ['fulfilment', 'fulfillment'],
  ['acknowledgement', 'acknowledgment'],
  ['likeable', 'likable'],
  ['sizeable', 'sizable'],
];

// The ae/oe family only occurs in a known set of (mostly medical) stems.
const STEM_PAIRS: [string, string][] = [
  ['paediatr', 'pediatr'],
  ['anaesthe', 'anesthe'],
  ['anaemi', 'anemi'],
  ['haemo', 'hemo'],
  ['haema', 'hema'],
  ['leukaem', 'leukem'],
  ['oestrogen', 'estrogen'],
  ['oesophag', 'esophag'],
  ['foet', 'fet'],
  ['gynaecolog', 'gynecolog'],
  ['orthopaed', 'orthoped'],
  ['archaeolog', 'archeolog'],
  ['encyclopaed', 'encycloped'],
  ['diarrhoe', 'diarrhe'],
];

interface SuffixRule {
  british: RegExp;
  american: RegExp;
  toAmerican: string;
  toBritish: string;
}

// Each rule maps a British ending to the American one and back; minimum lengths keep short words
// ("four", "hour", "fence") out.
const SUFFIX_RULES: SuffixRule[] = [
  {
    // "-iour" too: behaviour, saviour.
    british: /^(\w{2,}[^aeou])our(ite|able|ful|less|ism|er)?$/,
    american: /^(\w{2,}[^aeou])or(ite|able|ful|less|ism|er)?$/,
    toAmerican: '$1or$2',
    toBritish: '$1our$2',
  },
  {
    british: /^(\w{2,})is(e|ation|ational|er)$/,
    american: /^(\w{2,})iz(e|ation|ational|er)$/,
    toAmerican: '$1iz$2',
    toBritish: '$1is$2',
  },
  { british: /^(\w{2,})yse$/, american: /^(\w{2,})yze$/, toAmerican: '$1yze', toBritish: '$1yse' },
  {
    british: /^(\w{2,}[^aeiou])re$/,
    american: /^(\w{2,}[^aeiou])er$/,
    toAmerican: '$1er',
    toBritish: '$1re',
  },
  { british: /^(\w{3,})ence$/, american: /^(\w{3,})ense$/, toAmerican: '$1ense', toBritish: '$1ence' },
  { british: /^(\w{3,})ogue$/, american: /^(\w{3,})og$/, toAmerican: '$1og', toBritish: '$1ogue' },
  { british: /^(\w{4,})amme$/, american: /^(\w{4,})am$/, toAmerican: '$1am', toBritish: '$1amme' },
];

function pairVariants(word: string): string[] {
  const out: string[] = [];
  for (const [british, american] of WORD_PAIRS) {
    if (word === british) out.push(american);
    if (word === american) out.push(british);
  }
  for (const [british, american] of STEM_PAIRS) {
    if (word.startsWith(british)) out.push(american + word.slice(british.length));
    if (word.startsWith(american)) out.push(british + word.slice(american.length));
  }
  for (const rule of SUFFIX_RULES) {
    if (rule.british.test(word)) out.push(word.replace(rule.british, rule.toAmerican));
    if (rule.american.test(word)) out.push(word.replace(rule.american, rule.toBritish));
  }
  return out;
}

const ALPHA_RE = /^[a-z]+$/;

/** British and American spellings of a folded word, the word itself first. */
export function spellingVariants(word: string): string[] {
  const seen = new Set([word]);
  if (!ALPHA_RE.test(word)) return [word];
  // Rules compose ("manoeuvre" → "maneuvre" → "maneuver"); two rounds reach every combination.
  for (let round = 0; round < 2; round++) {
    for (const w of [...seen]) for (const v of pairVariants(w)) seen.add(v);
  }
  return [...seen];
}

// Words the rules read as a form of another word that a news reader would not: "news" is not
// "new", "species" not "specie", "media" not "medium", "data" not "datum".
const NOT_INFLECTED = new Set([
  'news',
  'series',
  'species',
  'means',
  'thanks',
  'politics',
  'economics',
  'physics',
  'media',
  'data',
]);
const VOWEL_L_RE = /[aeiou]l$/;
const CVC_RE = /[^aeiou][aeiou][^aeiouwxy]$/;
const SIBILANT_RE = /(s|x|z|ch|sh)$/;
const CONSONANT_Y_RE = /[^aeiou]y$/;

/** Dictionary forms of a word the user may have written inflected, other than the word itself. */
function otherLemmas(word: string): string[] {
  if (word.length < 3 || !ALPHA_RE.test(word) || NOT_INFLECTED.has(word)) return [];
  return lemmaCandidates(word);
}

/** Past tenses and participles of an irregular verb ("spend" → "spent"), none for a regular one. */
function irregularForms(base: string): string[] {
  return Object.hasOwn(IRREGULAR_VERBS, base) ? (IRREGULAR_VERBS[base] ?? []).flat() : [];
}

/**
 * Irregular forms are added only when the query word is the base form or one of them: "spent"
 * and "spend" match each other, but "meeting" (a noun as often as a verb) does not match "met".
 */
function wantsIrregular(word: string, base: string): boolean {
  return word === base || irregularForms(base).includes(word);
}

/** The plural (or third person) of a dictionary form. */
function plural(base: string): string {
  if (SIBILANT_RE.test(base)) return `${base}es`;
  if (CONSONANT_Y_RE.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

/** Regular inflections of a dictionary form: plural/third person, past, participle. */
function inflections(base: string): string[] {
  const out = [base];
  if (base.length < 3 || !ALPHA_RE.test(base)) return out;
  out.push(plural(base));

  if (base.endsWith('e')) out.push(`${base}d`);
  else if (CONSONANT_Y_RE.test(base)) out.push(`${base.slice(0, -1)}ied`);
  else out.push(`${base}ed`);

  if (base.endsWith('ie')) out.push(`${base.slice(0, -2)}ying`);
  else if (base.endsWith('e') && !base.endsWith('ee')) out.push(`${base.slice(0, -1)}ing`);
  else out.push(`${base}ing`);

  // Both spellings of a doubled final consonant: cancelled/canceled, planned, travelling/traveling.
  if (CVC_RE.test(base) || VOWEL_L_RE.test(base)) {
    const last = base.at(-1) ?? '';
    out.push(`${base}${last}ed`, `${base}${last}ing`);
  }
  return out;
}

/**
 * Every surface form a bare query word matches: the spellings of the word and of each dictionary
 * form it may be an inflection of, with their regular inflections and, for verbs written in a base
 * or irregular form, the irregular ones. The word counts as a dictionary form too, since spelling
 * rules cannot tell "need" and "focus" from "seed" + "-ed" and "focu" + "-s"; inflecting an
 * inflected word ("meetings" → "meetingses") only adds non-words, which cost nothing.
 */
export function wordForms(word: string): string[] {
  const forms = new Set<string>([word]);
  for (const base of [word, ...otherLemmas(word)]) {
    for (const spelling of spellingVariants(base)) {
      for (const form of inflections(spelling)) if (!NOT_INFLECTED.has(form)) forms.add(form);
      if (wantsIrregular(word, spelling)) {
        for (const form of irregularForms(spelling)) forms.add(form);
      }
    }
  }
  return [...forms];
}

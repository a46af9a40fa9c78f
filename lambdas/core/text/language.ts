/**
 * The language an item is written in, as an ISO 639-1 code ("ja", "de"). Read from the text with
 * franc-min (MIT: trigram profiles of the 82 languages with 8 million speakers or more, and the
 * script for languages that have one of their own), with the language the feed or page declares
 * as a prior: feeds mislabel (an English edition left at the publisher's default "ja"), but when
 * the text could be in the declared language, the declaration settles a close call between
 * neighbours such as Spanish and Portuguese or Danish and Norwegian.
 */
import { francAll } from 'franc-min';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';

/**
 * franc names the individual language where ISO 639-1 names its macrolanguage (Mandarin for
 * Chinese, Standard Arabic for Arabic); iso-639-3 maps only codes that have a 639-1 code themselves.
 */
const MACROLANGUAGE: Readonly<Record<string, string>> = {
  cmn: 'zh',
  arb: 'ar',
  swh: 'sw',
  zlm: 'ms',
  pes: 'fa',
  uzn: 'uz',
  azj: 'az',
  npi: 'ne',
  plt: 'mg',
  pbu: 'ps',
  ckb: 'ku',
};

/**
 * How close (franc's score, 1 for its best guess) the declared language must come for the
 * declaration to win. Chosen on the tuning split of eval/fixtures/lang/sentences.json (the first
 * two sentences of each language): with the right language declared 0.80 got 29 of 30, 0.85 27
 * and 0.90 to 1.0 26; with a wrong one declared every floor from 0.80 to 1.0 got 26. On long
 * texts franc scores every language of the same script near 0.8, so there a wrong declaration of
 * a neighbouring language (Swedish on an English page) can still win: eval/lang.ts reports it.
 */
const PRIOR_FLOOR = 0.8;
/** franc reads at most this much; the lead of an article says as much as its whole. */
const SAMPLE_CHARS = 2048;

/** ISO 639-1 where there is one, else franc's ISO 639-3 code. */
function toCode(iso6393: string): string {
  return MACROLANGUAGE[iso6393] ?? iso6393To1[iso6393] ?? iso6393;
}

/** The primary language subtag of a BCP 47 tag ("en-US" → "en"), or undefined. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * The language of `text`, or the declared one when the text is too short to tell (a headline of a
 * few words) or could well be in it; undefined when neither says.
 */
export function detectLanguage(text: string, declared?: string): string | undefined {
  const prior = primaryLanguage(declared);
  const scores = francAll(text.slice(0, SAMPLE_CHARS));
  const [best] = scores;
  if (best === undefined || best[0] === 'und') return prior;
  if (prior !== undefined && scores.some(([lang, score]) => toCode(lang) === prior && score >= PRIOR_FLOOR))
    return prior;
  return toCode(best[0]);
}

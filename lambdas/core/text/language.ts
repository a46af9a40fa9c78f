/**
 * The language an item is written in, as an ISO 639-1 code ("ja", "de"). A language the feed or
 * page declares stands when the text is written in that language's script: feeds mislabel (an
 * English edition left at the publisher's default "ja"), and that the script shows; but within
 * one script the statistical guess is the less reliable of the two (eval/lang.ts: tinyld read 8
 * of ECB+'s 575 English articles as German or Turkish, for their Klitschkos, and 30% of English
 * headlines as another language), and an English report read as German would start a story of
 * its own. Undeclared or mis-scripted text is read with tinyld's light model (MIT: 24 languages
 * with the most web text, 69 kB, which the fetcher's bundle budget allows where franc-min's
 * 170 kB of profiles did not), and by the script for scripts only one language writes.
 */
import { detectAll } from 'tinyld/light';
import { primaryLanguage } from './language-tag.ts';

/** The lead of an article says as much about its language as the whole. */
const SAMPLE_CHARS = 2048;

/** Scripts that other scripts stand in for: Japanese is kana and kanji, Korean hangul and hanja. */
const SCRIPTS_OF: Readonly<Record<string, readonly string[]>> = {
  Jpan: ['Hira', 'Kana', 'Hani'],
  Kore: ['Hang', 'Hani'],
  Hans: ['Hani'],
  Hant: ['Hani'],
};

/** Scripts only one language of the news writes: when the model has no guess, the script says. */
const LANGUAGE_OF_SCRIPT: Readonly<Record<string, string>> = {
  Hang: 'ko',
  Hani: 'zh',
  Thai: 'th',
  Grek: 'el',
  Hebr: 'he',
};
/** Only Japanese writes kana, and a Japanese text may hold more kanji than kana. */
const KANA = /[\p{Script=Hira}\p{Script=Kana}]/u;

function letterShare(text: string, scripts: readonly string[]): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 0;
  const inScripts = new RegExp(`[${scripts.map((s) => `\\p{Script=${s}}`).join('')}]`, 'gu');
  return (text.match(inScripts)?.length ?? 0) / letters;
}

/** True when most letters of the text are of the script the language is written in (ICU's likely script). */
function writtenIn(text: string, lang: string): boolean {
  const script = new Intl.Locale(lang).maximize().script;
  return script !== undefined && letterShare(text, SCRIPTS_OF[script] ?? [script]) > 0.5;
}

function scriptLanguage(text: string): string | undefined {
  if (KANA.test(text)) return 'ja';
  for (const [script, lang] of Object.entries(LANGUAGE_OF_SCRIPT))
    if (letterShare(text, [script]) > 0.5) return lang;
  return undefined;
}

/**
 * The declared language when the text is written in its script, else the language read from the
 * text; undefined when neither the text nor the declaration says.
 */
export function detectLanguage(text: string, declared?: string): string | undefined {
  const prior = primaryLanguage(declared);
  const sample = text.slice(0, SAMPLE_CHARS);
  if (prior !== undefined && writtenIn(sample, prior)) return prior;
  return detectAll(sample)[0]?.lang ?? scriptLanguage(sample) ?? prior;
}

/**
 * Language detection (lambdas/core/text/language.ts) on sentences composed for this eval, a few
 * per language, half of them headlines (eval/fixtures/lang/sentences.json). Reported three ways:
 * with no declared language, with the right one declared, and with a wrong one declared (English
 * for every other language, French for English), the way a mislabelled feed declares it. The
 * first two sentences of each language were the tuning split of an earlier rule with fitted
 * constants; the rule now has none (lambdas/core/text/language.ts), and both splits report.
 * Then the English dev sets of the story engine (../shared/corpora, read by path, skipped when
 * absent): how many of their items detection keeps English, with and without "en" declared as an
 * English outlet's feed declares it. An item read as another language would start a story of
 * its own, so this is what language detection can cost the English figures in production.
 *
 *   npm run eval:lang
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../lambdas/core/text/language.ts';
import { devSetsAvailable, ecbStream, semevalStream, uciStream } from './lib/dev-sets.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = path.resolve(here, '../../shared');
const { sentences } = JSON.parse(readFileSync(path.join(here, 'fixtures/lang/sentences.json'), 'utf8')) as {
  sentences: Record<string, string[]>;
};

/** The first TUNE sentences of each language chose the prior's floor. */
const TUNE = 2;

type Declared = (lang: string) => string | undefined;
const CONDITIONS: [string, Declared][] = [
  ['no declaration', () => undefined],
  ['right declaration', (lang) => lang],
  ['wrong declaration', (lang) => (lang === 'en' ? 'fr' : 'en')],
];

function accuracy(
  split: 'tune' | 'report',
  declared: Declared,
): { right: number; all: number; misses: string[] } {
  let right = 0;
  let all = 0;
  const misses: string[] = [];
  for (const [lang, list] of Object.entries(sentences)) {
    list.forEach((sentence, i) => {
      if (i < TUNE !== (split === 'tune')) return;
      const found = detectLanguage(sentence, declared(lang));
      all++;
      if (found === lang) right++;
      else misses.push(`${lang}→${found ?? 'none'}: ${sentence.slice(0, 40)}`);
    });
  }
  return { right, all, misses };
}

console.log(`languages: ${Object.keys(sentences).length} (${Object.keys(sentences).join(' ')})`);
for (const split of ['tune', 'report'] as const) {
  for (const [name, declared] of CONDITIONS) {
    const { right, all, misses } = accuracy(split, declared);
    console.log(`${split} split, ${name}: ${right}/${all} = ${(right / all).toFixed(3)}`);
    for (const miss of misses) console.log(`  ${miss}`);
  }
}

function englishShare(name: string, texts: string[]): void {
  for (const declared of [undefined, 'en']) {
    const found = new Map<string, number>();
    for (const text of texts) {
      const lang = detectLanguage(text, declared) ?? 'none';
      found.set(lang, (found.get(lang) ?? 0) + 1);
    }
    const english = found.get('en') ?? 0;
    const others = [...found].filter(([lang]) => lang !== 'en').sort((a, b) => b[1] - a[1]);
    const tail = others.length ? `; others: ${others.map(([l, n]) => `${l} ${n}`).join(', ')}` : '';
    const label = declared ? '"en" declared' : 'nothing declared';
    console.log(
      `${name}, ${label}: ${english}/${texts.length} = ${(english / texts.length).toFixed(3)} English${tail}`,
    );
  }
}

if (devSetsAvailable(sharedDir)) {
  const bodies = (items: { input: { title: string; text: string } }[]) =>
    items.map(({ input }) => `${input.title}\n${input.text}`);
  englishShare('ECB+ articles', bodies(ecbStream(sharedDir)));
  englishShare('SemEval-2022 English articles', bodies(semevalStream(sharedDir).items));
  const { tuning, held } = uciStream(sharedDir);
  englishShare(
    'UCI headlines, tuning half',
    tuning.map(({ input }) => input.title),
  );
  englishShare(
    'UCI headlines, held-out half',
    held.map(({ input }) => input.title),
  );
} else {
  console.log(`English dev sets skipped: not under ${sharedDir}`);
}

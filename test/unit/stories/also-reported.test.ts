import { describe, expect, it } from 'vitest';
import { alsoReported, type Reported, sameEvent } from '../../../lambdas/core/stories/also-reported.ts';

const at = '2026-11-10T09:00:00.000Z';
const story = (id: string, lang: string, headline: string, firstSeen = at): Reported => ({
  id,
  lang,
  headline,
  firstSeen,
});

const quakeJa = story('ja1', 'ja', '北海道でＭ６．８の地震、死者12人');
const quakeEn = story('en1', 'en', 'Magnitude 6.8 earthquake kills 12 in Hokkaido');
const natoJa = story('ja2', 'ja', 'NATO首脳会議、国防費をGDP比3.5%に引き上げで合意');
const natoEn = story('en2', 'en', 'NATO leaders agree to raise defence spending to 3.5% of GDP');
const natoOtherEn = story('en3', 'en', 'NATO foreign ministers meet in Brussels over Ukraine aid');
const recallEn = story('en4', 'en', 'Toyota recalls 12 models over brake fault');

describe('also reported in another language', () => {
  it('links a Japanese and an English report of one event by two shared figures', () => {
    expect(sameEvent(quakeJa, quakeEn)).toBe(true);
    expect(sameEvent(quakeEn, quakeJa)).toBe(true);
  });

  it('links them by one figure and a name in Latin letters', () => {
    expect(sameEvent(natoJa, natoEn)).toBe(true);
  });

  it('does not link two events that share a name but no figure', () => {
    expect(sameEvent(natoJa, natoOtherEn)).toBe(false);
  });

  it('does not link two events that share one figure and nothing else', () => {
    expect(sameEvent(quakeJa, recallEn)).toBe(false);
  });

  it('reads a German decimal comma as a decimal point', () => {
    const de = story('de1', 'de', 'Erdbeben der Stärke 6,8 in Hokkaido');
    const en = story('en5', 'en', 'Magnitude 6.8 quake hits Hokkaido');
    expect(sameEvent(de, en)).toBe(true);
  });

  it('reads thousands groups as the number', () => {
    const ja = story('ja4', 'ja', '死者12人、負傷者1,200人に');
    const en = story('en7', 'en', 'Quake toll: 12 dead and 1200 injured');
    expect(sameEvent(ja, en)).toBe(true);
  });

  it('does not count years', () => {
    const ja = story('ja3', 'ja', '2026年度予算案、閣議決定へ');
    const en = story('en6', 'en', 'Fiscal 2026 budget approved by Japan cabinet in 2026');
    expect(sameEvent(ja, en)).toBe(false);
  });

  it('links nothing in the same language, of unknown language, or opened over a day apart', () => {
    expect(sameEvent(quakeEn, { ...quakeEn, id: 'en9' })).toBe(false);
    const { lang: _lang, ...unknown } = quakeJa;
    expect(sameEvent(unknown, quakeEn)).toBe(false);
    expect(sameEvent(story('ja9', 'ja', quakeJa.headline, '2026-11-11T09:00:01.000Z'), quakeEn)).toBe(false);
    expect(sameEvent(story('ja9', 'ja', quakeJa.headline, '2026-11-11T08:59:59.000Z'), quakeEn)).toBe(true);
  });

  it('keeps the matching candidates, never the story itself', () => {
    expect(alsoReported(quakeJa, [quakeJa, natoEn, quakeEn, recallEn])).toEqual([quakeEn]);
  });
});

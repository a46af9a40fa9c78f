import { describe, expect, it } from 'vitest';
import { spellingVariants, wordForms } from '../../../lambdas/core/topics/variants.ts';

describe('spellingVariants', () => {
  it.each([
    ['defence', ['defence', 'defense']],
    ['offense', ['offense', 'offence']],
    ['programme', ['programme', 'program']],
    ['organisation', ['organisation', 'organization']],
    ['organisational', ['organisational', 'organizational']],
    ['enrolment', ['enrolment', 'enrollment']],
    ['color', ['color', 'colour']],
    ['behaviour', ['behaviour', 'behavior']],
    ['favourite', ['favourite', 'favorite']],
    ['theatre', ['theatre', 'theater']],
    ['analyze', ['analyze', 'analyse']],
    ['dialogue', ['dialogue', 'dialog']],
    ['anaemia', ['anaemia', 'anemia']],
    ['grey', ['grey', 'gray']],
    ['manoeuvre', ['manoeuvre', 'maneuver', 'manoeuver', 'maneuvre']],
    // Words the patterns must leave alone.
    ['four', ['four']],
    ['hour', ['hour']],
    ['fence', ['fence']],
    ['japan', ['japan']],
    ['2+2', ['2+2']],
  ])('%s', (word, expected) => {
    expect(spellingVariants(word).sort()).toEqual(expected.sort());
  });
});

describe('wordForms', () => {
  it('inflects both spellings', () => {
    expect(wordForms('defense').sort()).toEqual(
      ['defense', 'defenses', 'defensed', 'defensing', 'defence', 'defences', 'defenced', 'defencing'].sort(),
    );
  });

  it('gives both doubled and single final consonants', () => {
    expect(wordForms('cancel').sort()).toEqual(
      ['cancel', 'cancels', 'canceled', 'cancelled', 'canceling', 'cancelling'].sort(),
    );
  });

  it('reaches the other forms from an inflected query word', () => {
    const forms = wordForms('budgets');
    expect(forms).toContain('budget');
    expect(forms).toContain('budgeted');
    expect(forms).toContain('budgeting');
  });

  it('does not strip -ese or turn news into new', () => {
    expect(wordForms('japan')).not.toContain('japanese');
    expect(wordForms('japanese')).not.toContain('japan');
    expect(wordForms('new')).not.toContain('news');
    expect(wordForms('news')).not.toContain('new');
  });

  it('leaves numbers and two-letter words alone', () => {
    expect(wordForms('5%')).toEqual(['5%']);
    expect(wordForms('us')).toEqual(['us']);
  });
});

describe('wordForms by the spelling rules', () => {
  it.each([
    ['meeting', 'meetings'],
    ['hearing', 'hearings'],
    ['briefing', 'briefings'],
    ['building', 'buildings'],
    ['meetings', 'meeting'],
  ])('%s matches %s', (query, form) => {
    expect(wordForms(query)).toContain(form);
  });

  it('matches irregular verb forms written as the base or an irregular form', () => {
    expect(wordForms('spend')).toContain('spent');
    expect(wordForms('spent')).toEqual(expect.arrayContaining(['spend', 'spends', 'spending']));
  });

  it('does not reach irregular forms from a regular one: "meeting" is not "met"', () => {
    expect(wordForms('meeting')).not.toContain('met');
  });

  it('does not turn media into medium', () => {
    expect(wordForms('media')).not.toContain('medium');
  });
});

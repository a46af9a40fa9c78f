import { describe, expect, it } from 'vitest';
import { lemmaCandidates } from '../../../lambdas/core/topics/lemmas.ts';
import { wordForms } from '../../../lambdas/core/topics/variants.ts';

describe('lemmaCandidates', () => {
  it.each([
    ['meetings', 'meeting'],
    ['policies', 'policy'],
    ['movies', 'movie'],
    ['dies', 'die'],
    ['taxes', 'tax'],
    ['bosses', 'boss'],
    ['viruses', 'virus'],
    ['heroes', 'hero'],
    ['wolves', 'wolf'],
    ['leaves', 'leaf'],
    ['wives', 'wife'],
    ['women', 'woman'],
    ['children', 'child'],
    ['spent', 'spend'],
    ['stopped', 'stop'],
    ['planned', 'plan'],
    ['called', 'call'],
    ['filled', 'fill'],
    ['cancelled', 'cancel'],
    ['hoping', 'hope'],
    ['noting', 'note'],
    ['agreed', 'agree'],
    ['issuing', 'issue'],
    ['carried', 'carry'],
    ['died', 'die'],
    ['dying', 'die'],
    ['flying', 'fly'],
    ['used', 'use'],
    ['going', 'go'],
    ['thieves', 'thief'],
    ['panicked', 'panic'],
    ['trafficking', 'traffic'],
  ])('%s → %s', (word, base) => {
    expect(lemmaCandidates(word)).toContain(base);
  });

  it.each([
    // One-syllable consonant-vowel-consonant verbs double: "hoping" is never "hop".
    ['hoping', 'hop'],
    ['noting', 'not'],
    ['used', 'us'],
    // Stems without a vowel or shorter than three letters are stop words more often than bases.
    ['thing', 'the'],
    ['its', 'it'],
    ['uses', 'us'],
    ['being', 'bee'],
    ['need', 'nee'],
    // "-ses" and "-ves" only where the rule holds.
    ['loses', 'los'],
    ['saves', 'safe'],
    ['dying', 'dye'],
    ['filled', 'fil'],
    ['pressed', 'pres'],
  ])('%s is not read as %s', (word, base) => {
    expect(lemmaCandidates(word)).not.toContain(base);
  });

  it('does not read a property of Object as a word', () => {
    expect(lemmaCandidates('constructor')).toEqual([]);
  });
});

describe('wordForms of a word the rules read as inflected', () => {
  it('keeps the word as a dictionary form too', () => {
    expect(wordForms('need')).toContain('needed');
    expect(wordForms('focus')).toContain('focuses');
    expect(wordForms('bring')).toEqual(expect.arrayContaining(['bringing', 'brought']));
  });
});

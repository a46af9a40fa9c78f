/**
 * The seed articles (../shared/seeds, read by path) carry real site furniture: a related-articles
 * sidebar about Taiwan and a Lavrov–Kim meeting (000), one about the 2028 polls (002), a comment
 * thread and a "trending on our other sites" list (004). The seeds are text, one block a line, so
 * each line becomes a <p> in a single container: no class names left to help, the hardest case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../lambdas/core/extract/index.ts';
import { sharedFolder } from '../../support/shared.ts';

const { dir: seeds, runs } = sharedFolder('seeds');

function flattened(file: string): string {
  const lines = readFileSync(path.join(seeds, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<html><body><div>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}</div></body></html>`;
}

describe.runIf(runs)('extractArticle on the seed articles', () => {
  it('000: keeps the Rubio briefing, drops the sidebar about Taiwan and Lavrov', () => {
    const { text } = extractArticle(flattened('000_c89769c6c6dd6ddd.txt'));
    expect(text).toContain(
      "It's less to do with the amount of money and more to do about certain things they can do.",
    );
    expect(text).toContain('Defense Minister Gen Nakatani said in April');
    for (const furniture of [
      'Taiwan',
      'Lavrov',
      'Try Our AI Features',
      'No comments yet',
      'Related Articles',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('002: keeps the cancelled talks, drops the 2028 polls sidebar and the app promotion', () => {
    const { text } = extractArticle(flattened('002_0eff458de775143f.txt'));
    expect(text).toContain('Japan has cancelled an annual security meeting with the US');
    expect(text).toContain('No member of Nato currently spends 5 per cent of GDP on defence.');
    for (const furniture of ['2028', 'Download Daily8 app', 'Related Articles', 'Comments']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('004: keeps the report and its dateline, drops the comment thread and the trending list', () => {
    const { text } = extractArticle(flattened('004_a4a316af5edca31e.txt'));
    expect(text).toContain('KUALA LUMPUR');
    expect(text).toContain("Anyone who's looking for, like, drama or division there");
    expect(text).toContain('If the two countries reach a trade agreement by August 1, it could fade');
    for (const furniture of ['Login to comment', 'trade inbalance', 'GaijinPot', '4 Comments']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('004: the category label is not part of the text', () => {
    const { text } = extractArticle(flattened('004_a4a316af5edca31e.txt'));
    expect(text.split('\n')).not.toContain('politics');
  });

  it('004 in its template: the label does not open the text, the dateline is not the byline', () => {
    const lines = readFileSync(path.join(seeds, '004_a4a316af5edca31e.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const headline = "Rubio says no 'drama or division' in U.S. relations with Japan";
    const paragraphs = lines.slice(lines.indexOf('KUALA LUMPUR') + 1, lines.indexOf('KUALA LUMPUR') + 12);
    const page = `<html><body><article><p class="category"><a href="/politics">politics</a></p>
      <h1>${headline}</h1><span class="dateline">KUALA LUMPUR</span>
      ${paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}
      </article></body></html>`;
    const { text, byline } = extractArticle(page);
    // Readability takes the headline as the title; the text opens with the report itself.
    expect(text.split('\n')[0]).toBe(paragraphs[0]);
    expect(byline).toBeUndefined();
  });
});

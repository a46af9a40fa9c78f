import { describe, expect, it } from 'vitest';
import { flattenDeepNesting, MAX_DEPTH } from '../../../lambdas/core/extract/depth.ts';
import { type DomElement, isElement, parseDocument } from '../../../lambdas/core/extract/dom.ts';
import { extractArticle } from '../../../lambdas/core/extract/index.ts';

const PARAGRAPH =
  'The harbour council voted on Tuesday to rebuild the northern breakwater after three winters of dispute over who should pay for it.';

function depthOf(root: DomElement): number {
  let deepest = 0;
  const stack: Array<[DomElement, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() ?? [root, 0];
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(el.childNodes)) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return deepest;
}

describe('deeply nested pages', () => {
  it('replaces subtrees below MAX_DEPTH by their text', () => {
    const doc = parseDocument(
      `<html><body>${'<div>'.repeat(500)}<p>first line</p><p>second line</p></body></html>`,
    );
    const body = doc.body;
    if (!body) throw new Error('no body');
    flattenDeepNesting(body);
    expect(depthOf(body)).toBe(MAX_DEPTH);
    expect(body.textContent).toContain('first line\nsecond line');
  });

  it('still extracts the text of a page nested thousands of levels deep', () => {
    const html = `<html><body>${'<div>'.repeat(5000)}${`<p>${PARAGRAPH}</p>`.repeat(6)}</body></html>`;
    expect(extractArticle(html).text).toContain(PARAGRAPH);
  });
});

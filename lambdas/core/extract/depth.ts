import { type DomElement, isElement } from './dom.ts';
import { renderText } from './text.ts';

/**
 * Deepest element level kept as structure. Real article pages stay far below it; Readability
 * scores every node against all its ancestors, so a page nested thousands deep (an attack, or a
 * broken generator) would take minutes. Below this level a subtree is replaced by its text.
 */
export const MAX_DEPTH = 120;

export function flattenDeepNesting(root: DomElement): void {
  const stack: Array<[DomElement, number]> = [[root, 0]];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (!entry) break;
    const [el, depth] = entry;
    if (depth >= MAX_DEPTH) {
      if (el.children.length > 0) el.textContent = renderText(el);
      continue;
    }
    for (const child of Array.from(el.childNodes)) {
      if (isElement(child)) stack.push([child, depth + 1]);
    }
  }
}

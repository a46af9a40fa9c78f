import { BLOCK_ELEMENTS } from '../html/block-elements.ts';
import { COMMENT_NODE, type DomNode, isElement, TEXT_NODE } from './dom.ts';

/** Elements whose content is never reader-visible text. */
const SILENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head']);

/**
 * Plain text of a subtree, one line per block, whitespace collapsed within lines. Iterative, so a
 * page nested thousands of levels deep cannot overflow the stack.
 */
export function renderText(root: DomNode): string {
  const lines: string[] = [];
  let current = '';
  const endLine = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const stack: Array<DomNode | 'end-block'> = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === 'end-block') {
      endLine();
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      current += item.textContent ?? '';
      continue;
    }
    if (item.nodeType === COMMENT_NODE) continue;
    const tag = isElement(item) ? item.localName : '';
    if (SILENT.has(tag)) continue;
    if (tag === 'br') {
      endLine();
      continue;
    }
    const block = BLOCK_ELEMENTS.has(tag);
    if (block) {
      endLine();
      stack.push('end-block');
    }
    const children = Array.from(item.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  endLine();
  return lines.join('\n');
}

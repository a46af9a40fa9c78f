/**
 * axe-core in a page already open in headless chromium: injected through the debugger (so the
 * page's CSP, which forbids every script, does not stop it) and run once per colour scheme.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const COLOUR_SCHEMES = ['light', 'dark'] as const;
export type ColourScheme = (typeof COLOUR_SCHEMES)[number];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** The serious and critical violations on the page in `scheme`, one line each (empty when none). */
export async function seriousViolations(page: Page, scheme: ColourScheme): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(AXE_SOURCE);
  // A string: the project's types do not include the DOM, and `axe` exists only in the page.
  const violations: AxeViolation[] = await page.evaluate('axe.run(document).then((r) => r.violations)');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

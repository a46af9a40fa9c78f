/**
 * Debian's chromium, driven by playwright-core, for the tests that check what a person sees.
 * Off CI a machine without it skips those tests with one line; under CI=true they fail instead
 * (.ci/run installs the package).
 */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { missingUnderCi, runsHere } from './ci.ts';

const CHROMIUM = '/usr/bin/chromium';
const WHAT = `${CHROMIUM} (Debian's chromium package, which .ci/run installs)`;
const haveChromium = existsSync(CHROMIUM);
/** runsHere says once per run that the browser is missing, not once per browser file. */
export const runBrowserTests = runsHere(haveChromium, WHAT);

/**
 * A headless browser with a fresh profile in `profileDir`. The network flags keep chromium from
 * calling out (this machine's network is closed, and refused connections slow every start).
 */
export function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  if (!haveChromium) throw missingUnderCi(WHAT);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

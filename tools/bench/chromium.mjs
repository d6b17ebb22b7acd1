import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, launchTestingChromium, TESTING_CHROMIUM_ARGS } from './testing.mjs';

/**
 * Headless Chromium paces requestAnimationFrame with its own 60 Hz begin-frame source, and a
 * headless page is never hidden or occluded, so no flag is needed for rAF to run at display rate;
 * these only make sure of it for timers and a backgrounded renderer.
 */
const THROTTLING_OFF = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** The browser suites' flags (libs/testing/src/browser.ts) and the bench's own. */
export const CHROMIUM_ARGS = [...TESTING_CHROMIUM_ARGS, ...THROTTLING_OFF];

/**
 * Debian's Chromium as the browser suites launch it (`apt-get install chromium`); never a download.
 * @param {string[]} [extraArgs]
 */
export async function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install Debian's Chromium (apt-get install chromium) or set VIGIL_CHROMIUM`,
    );
  }
  return launchTestingChromium([...THROTTLING_OFF, ...extraArgs]);
}

/**
 * Signs in through the dashboard's login form and waits for the role's landing page.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl @param {string} username @param {string} landing e.g. '/ward'
 */
export async function signIn(page, baseUrl, username, landing, password = 'demo') {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${landing}`);
}

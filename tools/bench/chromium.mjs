import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium, as the browser suites use it (`apt-get install chromium`); never a download. */
export const CHROMIUM_PATH = process.env['VIGIL_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * The browser suites' flags (libs/testing/src/browser.ts): the machine's network is closed, so
 * Chromium's background services would only fail. Headless Chromium paces requestAnimationFrame
 * with its own 60 Hz begin-frame source, and a headless page is never hidden or occluded, so no
 * flag is needed for rAF to run at display rate; the throttling switches below only make sure of
 * it for timers and a backgrounded renderer.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** @param {string[]} [extraArgs] */
export async function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install Debian's Chromium (apt-get install chromium) or set VIGIL_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
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

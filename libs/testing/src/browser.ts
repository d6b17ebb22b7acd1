import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; the suites never download a browser of their own. */
export const CHROMIUM_PATH = process.env['VIGIL_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Whether the browser suites can run. Without Chromium they are skipped with a message, unless
 * VIGIL_REQUIRE_BROWSER=1 (what .ci/run sets), which turns that into a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env['VIGIL_REQUIRE_BROWSER'] === '1') {
    throw new Error(
      `Chromium is required (VIGIL_REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} is missing`,
    );
  }
  console.warn(
    `\n[vigil] ${CHROMIUM_PATH} is missing: the browser suites are SKIPPED in this run.\n`,
  );
  return false;
}

/** This machine's network is closed: Chromium's background services would only fail. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Debian Chromium with CHROMIUM_ARGS, and any flags a caller adds (the bench's). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

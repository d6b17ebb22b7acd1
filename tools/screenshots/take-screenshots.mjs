#!/usr/bin/env node
// The documentation's screenshots, reproducibly: the built server with the demo ward on a
// temporary SQLite file, a desaturation on bay 2, and Debian's Chromium at 1920×1080 saving
// docs/ward-screen.png, docs/session-screen.png and docs/alert-inbox.png. Needs the build
// (npm run screenshots does it).
/* global document */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSignalHandlers, runCleanups } from '../bench/cleanup.mjs';
import { launchChromium, signIn } from '../bench/chromium.mjs';
import { createDatabase } from '../bench/database.mjs';
import { login, startDemoServer } from '../bench/demo-server.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.env['SCREENSHOTS_DIR'] ?? join(repoRoot, 'docs');
const VIEWPORT = { width: 1920, height: 1080 };
/** Seconds of simulated readings before the pictures, so the tiles' sparklines have a history. */
const HISTORY_SECONDS = Number(process.env['SCREENSHOTS_HISTORY_SECONDS'] ?? 45);
/** Bay 4 desaturates first (its alert is older, escalated by the time of the inbox), then bay 2. */
const EARLIER_BAY = '4';
const DESATURATING_BAY = '2';

/** @param {string} baseUrl @param {string} token @param {string} bay */
async function desaturate(baseUrl, token, bay) {
  const reply = await fetch(`${baseUrl}/api/v1/demo/bays/${bay}/desaturation`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (reply.status !== 202) throw new Error(`desaturation of bay ${bay} → ${reply.status}`);
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function save(page, name) {
  const path = join(outDir, name);
  // Nothing blinks or moves in a picture: no caret, no transitions.
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`  saved ${relative(repoRoot, path)}`);
}

async function main() {
  installSignalHandlers();
  for (const built of ['dist/server/apps/server/src/main.js', 'dist/dashboard/index.html']) {
    if (!existsSync(join(repoRoot, built)))
      throw new Error(`${built} is missing: build first (npm run screenshots builds)`);
  }
  mkdirSync(outDir, { recursive: true });
  const database = await createDatabase('sqlite');
  const server = await startDemoServer({ repoRoot, databaseUrl: database.url });
  console.log(`screenshots: demo server at ${server.baseUrl}`);
  // The wall display plays its alarm sound without a click, as a kiosk is set up to.
  const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);

  const nursePage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await signIn(nursePage, server.baseUrl, 'nurse', '/ward');
  await nursePage.waitForFunction(
    () => {
      const readings = [...document.querySelectorAll('[data-testid="vital-heartRate"]')];
      return readings.length >= 6 && readings.every((node) => /\d/.test(node.textContent ?? ''));
    },
    undefined,
    { timeout: 60_000 },
  );
  console.log(`  ward live; letting ${HISTORY_SECONDS} s of readings accumulate`);
  const token = await login(server.baseUrl, 'nurse', 'demo');
  await desaturate(server.baseUrl, token, EARLIER_BAY);
  await nursePage.waitForTimeout(HISTORY_SECONDS * 1000);
  await desaturate(server.baseUrl, token, DESATURATING_BAY);
  const tile = nursePage.getByTestId(`bed-tile-${DESATURATING_BAY}`);
  await tile
    .locator('[data-testid="tile-alarm"][data-priority="high"]')
    .waitFor({ timeout: 30_000 });
  // Deep enough that the trend shows the dip clearly.
  await nursePage.waitForFunction(
    (element) => Number(element?.textContent?.match(/\d+/)?.[0] ?? 100) <= 86,
    await tile.getByTestId('vital-spo2').elementHandle(),
    { timeout: 30_000 },
  );
  await nursePage.mouse.move(0, VIEWPORT.height - 1);
  await save(nursePage, 'ward-screen.png');

  await tile.getByRole('link', { name: `Bay ${DESATURATING_BAY} — open session` }).click();
  await nursePage.getByRole('heading', { name: 'Timeline' }).waitFor();
  await nursePage.getByTestId('session-alerts').waitFor();
  // The episode, not the whole session squeezed into the chart's right edge.
  await nursePage.getByRole('button', { name: 'Last 5 minutes' }).click();
  await nursePage
    .getByRole('img', { name: /, [1-9]\d* readings from/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await nursePage.waitForTimeout(1_000);
  await save(nursePage, 'session-screen.png');

  const physicianPage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await signIn(physicianPage, server.baseUrl, 'physician', '/alerts');
  await physicianPage.locator('tr', { hasText: 'SpO2' }).nth(1).waitFor({ timeout: 30_000 });
  await save(physicianPage, 'alert-inbox.png');

  await browser.close();
  await server.stop();
  await runCleanups();
}

main().catch(async (error) => {
  console.error(
    `screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await runCleanups();
  process.exit(1);
});

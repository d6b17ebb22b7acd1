import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  browserAvailable,
  launchChromium,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';
import { waitForReadingsOnEveryTile } from './support/ward-readings';

/** WCAG 2.0 and 2.1, levels A and AA: the rules axe files under these tags. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

type AxeWindow = Window & { axe: typeof axe };

/** Runs axe-core in the page as it stands; its source is injected, never fetched. */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(
    (tags) =>
      (window as unknown as AxeWindow).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    WCAG_TAGS,
  );
}

/** One readable paragraph per serious or critical violation: the rule, why, and where. */
function describeBlocking(results: axe.AxeResults): string[] {
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) =>
      [
        `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map(
          (node) =>
            `  at ${node.target.join(' ')}\n    ${node.html}\n    ${node.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`,
        ),
      ].join('\n'),
    );
}

/** The page passes when axe found something to check and nothing serious or critical failed. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await runAxe(page);
  expect(results.passes.length).toBeGreaterThan(0);
  expect(describeBlocking(results)).toEqual([]);
}

// Needs Debian's Chromium; .ci/run installs it and makes this suite mandatory.
(browserAvailable() ? describe : describe.skip)('accessibility of every screen (axe-core)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-a11y-'));
    server = await startServerProcess({
      VIGIL_DEMO: '1',
      DATABASE_URL: `sqlite:${join(dataDir, 'vigil.sqlite')}`,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh tab at 1920×1080; the server's CSP forbids the inline script that carries axe. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1920, height: 1080 },
    });
    contexts.push(context);
    return context.newPage();
  }

  async function signedIn(username: string, landing: string): Promise<Page> {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${landing}`);
    return page;
  }

  /** Makes a demo chair's patient desaturate, so alarm colours and an open alert are checked too. */
  async function desaturate(bay: string): Promise<void> {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nurse', password: 'demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const reply = await fetch(`${server.url}/api/v1/demo/bays/${bay}/desaturation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(reply.status).toBe(202);
  }

  it('login screen', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page);
  });

  it('ward screen (nurse), with a chair in alarm', async () => {
    await desaturate('2');
    const page = await signedIn('nurse', '/ward');
    await page.locator('[data-testid="bed-tile-2"] [data-testid="tile-alarm"]').waitFor({
      timeout: 30_000,
    });
    // Live readings on every tile, as a nurse sees them.
    await waitForReadingsOnEveryTile(page);
    await expectAccessible(page);
  });

  it('session screen (nurse), opened from a tile', async () => {
    const page = await signedIn('nurse', '/ward');
    await page.getByRole('link', { name: 'Bay 2 — open session' }).click();
    await page.waitForURL('**/sessions/*');
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // The trend charts have readings to draw.
    await page
      .getByRole('img', { name: /, [1-9]\d* readings from/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await expectAccessible(page);
  });

  it('alert inbox (physician), with an open alert', async () => {
    const page = await signedIn('physician', '/alerts');
    await page.getByRole('button', { name: 'Acknowledge' }).first().waitFor({ timeout: 30_000 });
    await expectAccessible(page);
  });

  it('audit log (auditor)', async () => {
    const page = await signedIn('auditor', '/audit');
    await page.getByText(/Chain verified — \d/).waitFor();
    await page.getByTestId('audit-count').waitFor();
    await expectAccessible(page);
  });

  it('administration (admin), also with the field errors of an empty form', async () => {
    const page = await signedIn('admin', '/admin');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByTestId('user-row-nurse').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page);
  });
});

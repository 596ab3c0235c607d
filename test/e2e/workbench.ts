// Opens the real VS Code workbench in headless Chromium with the packaged .vsix installed, the way a
// user meets Cadence. Each session gets its own server, user data and extensions folders.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import type * as CodeServer from '../runner/codeServer.mjs';

export const root = path.resolve(__dirname, '..', '..', '..');
// The runner is plain ESM shared with scripts that run unbuilt; load it from the source tree (this
// file runs compiled from out/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer = require(path.join(root, 'test', 'runner', 'codeServer.mjs')) as typeof CodeServer;
const { codeServerCli, launchBrowser, makeRunDirs, removeRunDirs, startCodeServer, workbenchUrl, writeUserSettings } =
  codeServer;
export const screenshotsDir = path.join(root, 'test-results', 'screenshots');

export function packagedVsix(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(root, `cadence-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

/** Builds a fresh sample workspace with the project's fixture script. */
export function sampleWorkspace(): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-ws-')), 'sample');
  const result = spawnSync(process.execPath, [path.join(root, 'test', 'fixtures', 'sample-workspace.mjs'), dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('sample-workspace.mjs failed');
  return dir;
}

export interface Workbench {
  browser: Browser;
  page: Page;
  url: string;
  /** The server's user-data folder (global storage lives under User/globalStorage). */
  userData: string;
  close(): Promise<void>;
}

export async function openWorkbench(options: {
  workspace: string;
  settings?: Record<string, unknown>;
  /** More .vsix files to install (test-only helpers). */
  vsix?: string[];
  /** Built-in extensions to leave out, and environment for the server and its extension host. */
  skipBuiltins?: string[];
  env?: Record<string, string>;
}): Promise<Workbench> {
  const dirs = makeRunDirs('cadence-e2e-');
  writeUserSettings(dirs.userData, options.settings);
  for (const vsix of [packagedVsix(), ...(options.vsix ?? [])])
    await codeServerCli(['--install-extension', vsix], dirs);
  const server = await startCodeServer({
    workspace: options.workspace,
    dirs,
    skipBuiltins: options.skipBuiltins,
    env: options.env,
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const url = workbenchUrl(server, { folder: options.workspace });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return {
      browser,
      page,
      url,
      userData: dirs.userData,
      async close() {
        await browser.close().catch(() => undefined);
        await server.stop();
        removeRunDirs(dirs);
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    await server.stop();
    removeRunDirs(dirs);
    throw error;
  }
}

/**
 * Pictures are of a settled window, as a user looks at it: extensions activated, no view still
 * loading, no hover left by the last click. A window that does not settle in time is taken as it is
 * (the picture is not what the test asserts).
 */
async function settle(page: Page): Promise<void> {
  // The empty left end of the title bar: nothing there shows a hover.
  await page.mouse.move(200, 8);
  // (A string predicate: it runs in the page, where `document` is, not in this Node program.)
  const settled = [
    `!document.querySelector('.statusbar')?.textContent?.includes('Activating Extensions')`,
    `!document.querySelector('.part.sidebar .monaco-progress-container.active')`,
    `!document.querySelector('.monaco-hover:not(.hidden)')`,
  ].join(' && ');
  await page.waitForFunction(settled, undefined, { timeout: 5_000 }).catch(() => undefined);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await settle(page);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a command from the real command palette by its title. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette can close under the test while the workbench settles (a view taking focus right
  // after F1): open it again, up to three times. A dialog is never dismissed to get there: the
  // test fails with the dialog's text instead.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.fill(`>${title}`, { timeout: 10_000 });
      await row.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      const dialog = page.locator('.monaco-dialog-box');
      if (await dialog.isVisible()) throw new Error(`a dialog is open: ${await dialog.innerText()}`, { cause: error });
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

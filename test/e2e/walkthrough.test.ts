// "Get started with Cadence" in the real workbench: each step ticks after the user did the thing the
// way users do it — a block from the status bar, the draft from the palette, the Cadence icon in the
// activity bar — including when the walkthrough was not open at the time.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWorkbench, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

const STEP = (id: string) => `[data-done-step-id="cadence-dev.cadence#cadence.welcome#${id}"]`;

async function ticked(page: Page, id: string): Promise<boolean> {
  return (await page.locator(STEP(id)).first().getAttribute('aria-checked')) === 'true';
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the walkthrough from the palette ("Welcome: Open Walkthrough…"). */
async function openWalkthrough(page: Page): Promise<void> {
  await runFromPalette(page, 'Welcome: Open Walkthrough...');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Cadence' });
  await row.first().waitFor({ timeout: 30_000 });
  await row.first().click();
  await page.locator(STEP('focus')).first().waitFor({ timeout: 30_000 });
}

/**
 * "Cadence: Draft Weekly Update for…" → This week. The quick pick can close while the workbench is
 * still settling (a step re-rendering takes focus): try again until the draft's tab shows.
 */
async function draftFromPalette(page: Page): Promise<void> {
  const draftTab = page.locator('.tabs-container .tab.active', { hasText: /^Weekly update W\d{2}/ });
  for (let attempt = 1; ; attempt++) {
    await runFromPalette(page, 'Cadence: Draft Weekly Update for…');
    const thisWeek = page.locator('.quick-input-list .monaco-list-row', { hasText: /^This week/ });
    await thisWeek.first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const shown = await draftTab.waitFor({ timeout: 30_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (attempt === 3) throw new Error('the draft never opened');
    await page.keyboard.press('Escape');
  }
}

describe('the walkthrough in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ workspace: sampleWorkspace() });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `walkthrough-failed-${Date.now()}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it('ticks Focus and Decisions done before it was opened, and Weekly while it is open', async () => {
    const { page } = workbench;
    // A block from the status bar (not the walkthrough's link, not the palette).
    const focusItem = page.locator('.statusbar-item', { has: page.locator('[aria-label^="Start a focus block"]') });
    await focusItem.waitFor({ timeout: 60_000 });
    await focusItem.click();
    await page.locator('.statusbar-item', { has: page.locator('[aria-label^="Focus block"]') }).waitFor();
    // The sidebar from its activity-bar icon.
    await page.locator('.activitybar a.action-label[aria-label^="Cadence"]').click();
    await page.getByRole('tree', { name: 'Decisions' }).waitFor({ timeout: 30_000 });

    await openWalkthrough(page);
    await until(
      async () => (await ticked(page, 'focus')) && (await ticked(page, 'decisions')),
      'Focus and Decisions ticked',
    );
    assert.equal(await ticked(page, 'weekly'), false, 'the weekly step is not done yet');

    // The copy matches the defaults.
    const text =
      (await page
        .locator('[x-step-description-for="cadence-dev.cadence#cadence.welcome#focus"]')
        .first()
        .textContent()) ?? '';
    assert.match(text, /50-minute blocks/);
    assert.doesNotMatch(text, /Two hours/);

    // No step card is cut off at the default width.
    const clipped = await page
      .locator('.getting-started-step')
      .evaluateAll((steps) =>
        steps
          .filter((step) => step.scrollWidth > step.clientWidth + 1)
          .map((step) => step.getAttribute('data-step-id') ?? step.textContent),
      );
    assert.deepEqual(clipped, []);
    // The selected step's media (Markdown, in a webview beside the steps) shows what the step does.
    await page
      .frameLocator('.getting-started-media iframe.webview')
      .frameLocator('iframe')
      .locator('body', { hasText: 'Run Cadence: Draft Weekly Update' })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'walkthrough');

    // The draft from the palette, then back to the walkthrough's tab.
    await draftFromPalette(page);
    await page
      .locator('.tabs-container .tab', { hasText: /^Welcome/ })
      .first()
      .click();
    await until(() => ticked(page, 'weekly'), 'Weekly ticked');
  });

  it("offers the draft's and the saved update's actions in the editor title, Post to Slack included", async () => {
    const { page } = workbench;
    const titleBar = page.locator('.editor-group-container.active .editor-actions');
    /** The titles in the editor title's "More Actions…" menu. */
    const moreActions = async (): Promise<string[]> => {
      await titleBar.locator('[aria-label^="More Actions"]').click();
      const items = page.locator('.monaco-menu .action-item .action-label');
      await items.first().waitFor({ timeout: 10_000 });
      const labels = (await items.allInnerTexts()).map((label) => label.trim()).filter(Boolean);
      await page.keyboard.press('Escape');
      return labels;
    };
    await page
      .locator('.tabs-container .tab', { hasText: /^Weekly update W\d{2}/ })
      .first()
      .click();
    await titleBar.locator('[aria-label^="Save Weekly Update"]').waitFor({ timeout: 30_000 });
    const onDraft = await moreActions();
    for (const title of [
      'Copy Weekly Update as Slack',
      'Copy Weekly Update as Plain Text',
      'Save Weekly Update',
      'Post Weekly Update to Slack…',
    ]) {
      assert.ok(onDraft.includes(title), `${title} on the draft (menu: ${onDraft.join(', ')})`);
    }
    await screenshot(page, 'weekly-editor-actions');

    await titleBar.locator('[aria-label^="Save Weekly Update"]').click();
    await page.locator('.tabs-container .tab.active', { hasText: /^\d{4}-W\d{2}\.md/ }).waitFor({ timeout: 30_000 });
    const onSaved = await moreActions();
    for (const title of [
      'Copy Weekly Update as Slack',
      'Copy Weekly Update as Plain Text',
      'Post Weekly Update to Slack…',
    ]) {
      assert.ok(onSaved.includes(title), `${title} on the saved update (menu: ${onSaved.join(', ')})`);
    }
  });
});

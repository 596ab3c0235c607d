// The weekly draft from the real command palette, with the packaged .vsix, on the sample workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { openWorkbench, sampleWorkspace, screenshot, type Workbench } from './workbench';

describe('Weekly update in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ workspace: sampleWorkspace() });
  });

  after(async () => {
    await workbench?.close();
  });

  it('runs "Cadence: Draft Weekly Update" from the command palette and shows the draft', async () => {
    const { page } = workbench;
    // Right after start-up the palette may not list extension commands yet: reopen it until it does.
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: /Cadence: Draft Weekly Update(?!\s*for)/ })
      .first();
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor();
      await input.fill('>Cadence: Draft Weekly Update');
      // Two commands match the text; the row without "for…" is the one.
      const found = await row.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (found) break;
      if (Date.now() > deadline) throw new Error('"Cadence: Draft Weekly Update" never appeared in the palette');
      await page.keyboard.press('Escape');
    }
    await row.click();

    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await editor.filter({ hasText: 'In progress / next week' }).waitFor({ timeout: 60_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /# Week \d+ · /);
    assert.match(text, /## Shipped/);
    assert.match(text, /## Blockers/);
    assert.match(text, /feat\/usage-based-billing/);
    await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor();

    const file = await screenshot(page, 'weekly-draft');
    // README's media/screenshots/weekly-draft.png is a copy of this file.
    assert.ok(fs.statSync(file).size > 0);
  });
});

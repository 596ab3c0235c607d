// The weekly draft from the real command palette, with the packaged .vsix, on the sample workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { openWorkbench, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

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
    await page.locator('.tabs-container .tab.active', { hasText: /^Weekly update W\d{2}/ }).waitFor();

    const file = await screenshot(page, 'weekly-draft');
    // README's media/screenshots/weekly-draft.png is a copy of this file.
    assert.ok(fs.statSync(file).size > 0);
  });

  it('titles the draft briefly, saves it from the editor title, and drafts "since my last update" from there', async () => {
    const { page } = workbench;
    // The draft's tab: a short title, not the heading cut mid-word.
    const draftTab = page.locator('.tabs-container .tab.active', { hasText: /^Weekly update W\d{2}/ });
    await draftTab.waitFor({ timeout: 30_000 });
    // The draft's own actions sit in its editor title: Save and Copy as Slack, no palette needed.
    const titleBar = page.locator('.editor-group-container.active .editor-actions');
    await titleBar.locator('[aria-label^="Copy Weekly Update as Slack"]').waitFor({ timeout: 30_000 });
    await titleBar.locator('[aria-label^="Save Weekly Update"]').click();
    // Save hands over the saved file; the draft closes without a "save changes?" dialog.
    await page.locator('.tabs-container .tab.active', { hasText: /^\d{4}-W\d{2}\.md/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^Weekly update W/ }).count(), 0);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    // On the saved update too: Copy as Slack in its editor title.
    await titleBar.locator('[aria-label^="Copy Weekly Update as Slack"]').waitFor({ timeout: 30_000 });

    await runFromPalette(page, 'Cadence: Draft Weekly Update for…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    // "Last week" says which dates it means; "Since my last update" starts at the save, today.
    await rows.filter({ hasText: /Last week\s*\w{3} \d+/ }).waitFor({ timeout: 30_000 });
    const since = rows.filter({ hasText: /Since my last update\s*Since \w{3} \d+ \w{3} \d{4} \d{2}:\d{2}/ });
    await since.waitFor({ timeout: 30_000 });
    await screenshot(page, 'weekly-draft-for');
    await since.click();
    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await editor.filter({ hasText: /#\sSince\s\w{3}\s\d+/ }).waitFor({ timeout: 60_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Planned in your last update: \d+ of \d+ shipped/);
    assert.doesNotMatch(text, /uncommitted change/, 'the saved update counted as work in progress');
  });
});

import * as assert from 'node:assert/strict';
import { openWorkbench, sampleWorkspace, screenshot, type Workbench } from './workbench';

describe('Language server in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ workspace: sampleWorkspace() });
  });

  after(async () => {
    await workbench?.close();
  });

  it('suggests record links after "Supersedes" and inserts the link in the folder style', async () => {
    const { page } = workbench;
    // Quick Open the record: the first Markdown file starts the server from the packaged bundles.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('0003-async-weekly-updates.md');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: '0003-async-weekly-updates.md' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.filter({ hasText: 'Weekly async updates' }).waitFor({ timeout: 30_000 });
    await lines.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nSupersedes ');
    // The space is a trigger character; ask explicitly too, in case the server was still starting.
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: '0004 Use a managed PostgreSQL service' });
    for (let attempt = 0; attempt < 20 && !(await row.isVisible()); attempt++) {
      await page.keyboard.press('Control+Space');
      await row.waitFor({ timeout: 1_500 }).catch(() => undefined);
    }
    await row.waitFor({ timeout: 5_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'language-server-failure');
      await page.keyboard.press('Control+Shift+U');
      await screenshot(page, 'language-server-failure-output');
      throw error;
    });
    await screenshot(page, 'language-server-completion');
    await row.click();
    await lines.filter({ hasText: '(0004-use-managed-postgresql.md)' }).waitFor();
    // Word wrap may break the long line: compare without line breaks.
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
    assert.match(text, /Supersedes \[4\. Use a managed PostgreSQL service\]\(0004-use-managed-postgresql\.md\)/);
  });
});

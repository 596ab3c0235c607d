// Documentation duty as a user meets it in the real workbench: the Guides view in the Cadence
// container says whose turn it is, and the person on duty opens the checklist from the status bar.
import * as assert from 'node:assert/strict';
import { openWorkbench, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

describe('Documentation duty in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;

  before(async () => {
    // The sample's team file puts Ada, its git user.email, on duty this week.
    workbench = await openWorkbench({ workspace: sampleWorkspace() });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows "Docs duty this week" and the guides with their age in the Guides view', async () => {
    const { page } = workbench;
    await page.locator('.activitybar a.action-label[aria-label^="Cadence"]').click();
    const header = page.locator('.pane-header', { hasText: 'Guides' });
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.getByText('Docs duty this week: Ada (you)').waitFor({ timeout: 60_000 });
    const guides = page.getByRole('tree', { name: 'Guides' });
    const readme = guides.locator('[role=treeitem]', { hasText: 'README.md' });
    await readme.waitFor();
    assert.match(await readme.innerText(), /changed \d+ days? ago/);
    await screenshot(page, 'duty-guides-view');
  });

  it('opens the checklist from the status bar, and from the palette', async () => {
    const { page } = workbench;
    const status = page.locator('.statusbar-item', { hasText: 'Docs duty:' });
    await status.waitFor({ timeout: 30_000 });
    await status.click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const broken = rows.filter({ hasText: 'docs/onboarding/first-day.md:3' });
    await broken.waitFor({ timeout: 30_000 });
    assert.match(await broken.innerText(), /scripts\/setup\.sh/);
    await screenshot(page, 'duty-checklist');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await runFromPalette(page, 'Cadence: Documentation Duty');
    await broken.waitFor({ timeout: 30_000 });
    // Enter opens the doc at the item's line.
    await broken.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'first-day.md' }).waitFor({ timeout: 30_000 });
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench, root, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

describe('Decision records and runbooks in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    workspace = sampleWorkspace();
    workbench = await openWorkbench({ workspace });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the sample workspace records and runbooks in the Cadence container', async () => {
    const { page } = workbench;
    await page.locator('.activitybar a.action-label[aria-label^="Cadence"]').click();
    const decisions = page.getByRole('tree', { name: 'Decisions' });
    const labels = decisions.locator('[role=treeitem] .label-name');
    await labels
      .filter({ hasText: '0003 Weekly async updates instead of a daily stand-up' })
      .waitFor({ timeout: 30_000 });
    await labels.filter({ hasText: '0001 Use REST over gRPC for the public API' }).waitFor();
    const item = decisions.locator('[role=treeitem]', { hasText: '0003 Weekly async updates' });
    assert.match(await item.innerText(), /✅ Accepted \(lazy consensus\) & implemented · 2026-03-10/);
    const runbooks = page.getByRole('tree', { name: 'Runbooks' });
    await runbooks.locator('[role=treeitem] .label-name', { hasText: 'Refunds stuck in pending' }).waitFor();
    const stale = runbooks.locator('[role=treeitem]', { hasText: 'Refunds stuck in pending' });
    assert.match(await stale.innerText(), /stale: review was due 2026-05-01/);
    // Widen the side bar so the picture shows whole titles, and move the pointer off the activity bar.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 200);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + 620, sidebar.y + 200, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(900, 600);
    const file = await screenshot(page, 'decisions-tree');
    // The README shows this picture: CADENCE_UPDATE_SCREENSHOTS=1 refreshes the committed copy from
    // the real UI (not on every run, so a test run leaves the work tree clean).
    const committed = path.join(root, 'media', 'screenshots', 'decisions-tree.png');
    if (process.env.CADENCE_UPDATE_SCREENSHOTS || !fs.existsSync(committed)) {
      fs.mkdirSync(path.dirname(committed), { recursive: true });
      fs.copyFileSync(file, committed);
    }
  });

  it('creates a decision record from the command palette, numbered and in the folder format', async () => {
    const { page } = workbench;
    await runFromPalette(page, 'Cadence: New Decision Record…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'doc/adr' }).first().click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Title of the decision' }).waitFor();
    await input.fill('Adopt trunk-based development');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: '0005-adopt-trunk-based-development.md' }).waitFor();
    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'Proposed' }).waitFor();
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /# 5\. Adopt trunk-based development/);
    const created = path.join(workspace, 'doc', 'adr', '0005-adopt-trunk-based-development.md');
    assert.ok(fs.existsSync(created));
    const decisions = page.getByRole('tree', { name: 'Decisions' });
    await decisions.locator('[role=treeitem] .label-name', { hasText: '0005 Adopt trunk-based development' }).waitFor();
    await screenshot(page, 'decisions-new-record');
  });
});

describe('Creating the first decision record from the welcome view (packaged .vsix)', () => {
  let workbench: Workbench;
  let workspace: string;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-first-'));
    workbench = await openWorkbench({ workspace });
  });

  after(async () => {
    await workbench?.close();
  });

  it('asks the folder and the format, then opens 0001 in MADR front matter', async () => {
    const { page } = workbench;
    await page.locator('.activitybar a.action-label[aria-label^="Cadence"]').click();
    const button = page.locator('.welcome-view-content .monaco-button', { hasText: 'Create first decision record' });
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Folder for decision records' }).waitFor();
    assert.equal(await input.inputValue(), 'docs/decisions');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'MADR 4' }).click();
    await page.locator('.quick-input-widget', { hasText: 'Title of the decision' }).waitFor();
    await input.fill('Record architecture decisions');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: '0001-record-architecture-decisions.md' }).waitFor();
    const file = path.join(workspace, 'docs', 'decisions', '0001-record-architecture-decisions.md');
    assert.match(fs.readFileSync(file, 'utf8'), /^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\n/);
    const decisions = page.getByRole('tree', { name: 'Decisions' });
    await decisions.locator('[role=treeitem] .label-name', { hasText: '0001 Record architecture decisions' }).waitFor();
    await screenshot(page, 'decisions-first-record');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench, root, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

/** Polls a condition on the files (the UI wrote them); never a fixed sleep. */
async function waitUntil(probe: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
    // Four views share the sidebar: the second folder's records are below the Decisions pane's fold,
    // and a tree draws only the rows in view. Walk down with the keyboard, as a user would.
    const second = labels.filter({ hasText: '0001 Use REST over gRPC for the public API' });
    await decisions.focus();
    for (let step = 0; step < 40 && !(await second.isVisible()); step++) await page.keyboard.press('ArrowDown');
    await second.waitFor();
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
  it('supersedes from the palette: the active record preselected, an existing successor, both changes shown first, Ctrl+Z in the tree undoes', async () => {
    const { page } = workbench;
    const oldFile = path.join(workspace, 'doc', 'adr', '0003-async-weekly-updates.md');
    const successorFile = path.join(workspace, 'doc', 'adr', '0004-use-managed-postgresql.md');
    const oldBefore = fs.readFileSync(oldFile, 'utf8');
    const successorBefore = fs.readFileSync(successorFile, 'utf8');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('0003-async-weekly-updates.md');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: '0003-async-weekly-updates.md' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: '0003-async-weekly-updates.md' }).waitFor();
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    const rows = page.locator('.quick-input-list .monaco-list-row');

    // A title that is only a number is refused: it names a record, it is not a title.
    await runFromPalette(page, 'Cadence: Supersede Decision Record…');
    await widget.filter({ hasText: 'Supersede (1/2)' }).waitFor();
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: '0003 Weekly async updates' })
      .waitFor();
    await page.keyboard.press('Enter');
    await widget.filter({ hasText: 'Supersede (2/2)' }).waitFor();
    await rows.filter({ hasText: 'New decision record' }).click();
    await widget.filter({ hasText: 'Title of the decision that supersedes' }).waitFor();
    await input.fill('0043');
    await widget.filter({ hasText: 'looks like a record number' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(fs.readFileSync(oldFile, 'utf8'), oldBefore);

    // The successor picked from the list; nothing is written before the user agrees.
    await runFromPalette(page, 'Cadence: Supersede Decision Record…');
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: '0003 Weekly async updates' })
      .waitFor();
    await page.keyboard.press('Enter');
    await widget.filter({ hasText: 'Supersede (2/2)' }).waitFor();
    await input.fill('0004');
    await rows.filter({ hasText: '0004 Use a managed PostgreSQL service' }).click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Supersede 0003' });
    await dialog.waitFor();
    const shown = await dialog.innerText();
    assert.match(
      shown,
      /0003-async-weekly-updates\.md: status .* becomes "Superseded by \[4\. Use a managed PostgreSQL service\]/,
    );
    assert.match(shown, /0004-use-managed-postgresql\.md: gets the line "Supersedes \[3\. Weekly async updates/);
    assert.equal(fs.readFileSync(oldFile, 'utf8'), oldBefore);
    assert.equal(fs.readFileSync(successorFile, 'utf8'), successorBefore);
    await screenshot(page, 'decisions-supersede-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Supersede' }).click();
    await waitUntil(() => fs.readFileSync(oldFile, 'utf8').includes('Superseded by [4.'), 'the old record superseded');
    assert.match(fs.readFileSync(successorFile, 'utf8'), /Supersedes \[3\. Weekly async updates/);

    // It says what it did, with Undo and Open, and selects the successor's row in the tree.
    const toast = page.locator('.notification-toast', { hasText: 'is superseded by 0004' });
    await toast.waitFor();
    for (const action of ['Undo', 'Open']) await toast.locator('.monaco-button', { hasText: action }).waitFor();
    const decisions = page.getByRole('tree', { name: 'Decisions' });
    await decisions
      .locator('[role=treeitem][aria-selected=true]', { hasText: '0004 Use a managed PostgreSQL service' })
      .waitFor();

    // Undo from the tree: focus a row of Decisions, Ctrl+Z.
    await decisions.locator('[role=treeitem]', { hasText: '0004 Use a managed PostgreSQL service' }).first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil(
      () =>
        fs.readFileSync(oldFile, 'utf8') === oldBefore && fs.readFileSync(successorFile, 'utf8') === successorBefore,
      'both files restored',
    );
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

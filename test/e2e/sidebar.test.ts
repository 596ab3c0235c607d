import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench, screenshot, type Workbench } from './workbench';

describe('Cadence in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;

  before(async () => {
    // An empty folder: nothing for Cadence to list, so the welcome view shows.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-empty-'));
    workbench = await openWorkbench({ workspace: empty });
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens the Cadence container from the activity bar and shows its welcome view', async () => {
    const { page } = workbench;
    await page.locator('.activitybar a.action-label[aria-label^="Cadence"]').click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'Cadence keeps your team' });
    await welcome.waitFor({ timeout: 30_000 });
    const file = await screenshot(page, 'sidebar-welcome');
    // A real picture of the whole window: a PNG whose size is the page's (not merely a non-empty file).
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const viewport = page.viewportSize();
    assert.ok(viewport, 'the page has a viewport');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [viewport.width, viewport.height]);
  });
});

// Slack in the real UI (packaged .vsix): connect through the palette's input box, start a block from
// the status bar, and the Slack-compatible test server sees the snooze and status set, then cleared
// with the user's own status back.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { SlackTestServer } from '../servers/slack';
import { openWorkbench, runFromPalette, sampleWorkspace, screenshot, type Workbench } from './workbench';

const TOKEN = 'xoxp-e2e-token';

function focusItem(page: Page): Locator {
  return page.locator('.statusbar-item', {
    has: page.locator('[aria-label^="Start a focus block"], [aria-label^="Focus "]'),
  });
}

/** Polls until `probe` is truthy. */
async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Slack in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;
  let server: SlackTestServer;

  before(async () => {
    server = await new SlackTestServer(TOKEN).start();
    server.status = { status_text: 'Out for lunch', status_emoji: ':sandwich:', status_expiration: 0 };
    workbench = await openWorkbench({
      workspace: sampleWorkspace(),
      settings: { 'cadence.slack.apiUrl': server.url, 'cadence.slack.focus': 'dndAndStatus' },
    });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('connects, and a block started from the status bar sets then clears Slack DND and status', async () => {
    const { page } = workbench;
    const item = focusItem(page);
    await item.waitFor({ timeout: 60_000 });

    await runFromPalette(page, 'Cadence: Connect Slack');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await until(async () => (await input.getAttribute('type')) === 'password', 'the token input box');
    await input.fill(TOKEN);
    await page.keyboard.press('Enter');
    await page
      .locator('.notifications-toasts .notification-list-item', { hasText: 'Slack connected as ada' })
      .waitFor({ timeout: 20_000 });

    await item.click();
    await until(
      () => server.snooze !== undefined && /^Focusing until /.test(server.currentStatus().status_text),
      'Slack snoozed with the focus status',
    );
    assert.equal(server.currentStatus().status_emoji, ':headphones:');
    const minutes = Number(server.callsTo('dnd.setSnooze')[0]?.params.num_minutes);
    assert.ok(minutes === 50 || minutes === 49, `snoozed for ${minutes} min`);
    await screenshot(page, 'slack-focus-block');

    await runFromPalette(page, 'Cadence: Stop Focus Block');
    await until(
      () => server.snooze === undefined && server.currentStatus().status_text === 'Out for lunch',
      'Slack’s snooze ended and the user’s status back',
    );
    assert.equal(server.currentStatus().status_emoji, ':sandwich:');
    assert.equal(server.callsTo('dnd.endSnooze').length, 1);
  });
});

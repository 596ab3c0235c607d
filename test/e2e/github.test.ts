// GitHub evidence in the real workbench (packaged .vsix): a test-only extension provides the `github`
// sign-in (the built-in GitHub Authentication is left out of this instance), its session's token is
// the one the loopback GitHub test server accepts. With `cadence.weekly.github: always`, "Draft
// Weekly Update" asks VS Code for a session; the test answers VS Code's own consent dialog in the
// UI, and the draft shows the PR merged this week, the review given and the blocker from GitHub.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type GithubTestServer, emptyWorld, startGithubServer } from '../fixtures/github/server';
import { openWorkbench, root, runFromPalette, screenshot, sampleWorkspace, type Workbench } from './workbench';

const TOKEN = 'gho_e2e-token';

/** Packages the test-only sign-in extension (test/fixtures/github-auth-extension) as a .vsix. */
function helperVsix(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-e2e-auth-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', 'github-auth-extension'), dir, { recursive: true });
  const out = path.join(dir, 'github-auth.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out];
  const result = spawnSync(process.execPath, [vsce, ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  return out;
}

/** This week's GitHub, whatever today is: everything happened in the last minutes (UTC weeks). */
function thisWeek(): ReturnType<typeof emptyWorld> {
  const now = Date.now();
  const monday = new Date(now);
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const at = (minutesAgo: number) => new Date(Math.max(now - minutesAgo * 60_000, monday.getTime())).toISOString();
  const world = emptyWorld('mona');
  world.repos.push('octo/app');
  world.pulls.push(
    {
      repo: 'octo/app',
      number: 41,
      title: 'Checkout in one page',
      author: 'mona',
      state: 'closed',
      createdAt: '2026-01-05T10:00:00Z',
      mergedAt: at(3),
      closedAt: at(3),
    },
    { repo: 'octo/app', number: 42, title: 'Faster search', author: 'bob', state: 'open', createdAt: at(10) },
    {
      repo: 'octo/app',
      number: 43,
      title: 'Dark mode',
      author: 'mona',
      state: 'open',
      createdAt: at(10),
      requestedReviewers: ['alice'],
    },
  );
  world.reviews.push(
    { repo: 'octo/app', number: 42, user: 'mona', state: 'APPROVED', submittedAt: at(2) },
    { repo: 'octo/app', number: 43, user: 'alice', state: 'CHANGES_REQUESTED', submittedAt: at(1) },
  );
  return world;
}

describe('GitHub evidence in the real workbench (packaged .vsix)', () => {
  let workbench: Workbench;
  let server: GithubTestServer;

  before(async () => {
    server = await startGithubServer(thisWeek());
    server.token = TOKEN;
    workbench = await openWorkbench({
      workspace: sampleWorkspace(),
      settings: {
        'cadence.weekly.github': 'always',
        'cadence.weekly.githubApiUrl': server.url,
        'cadence.weekly.timeZone': 'UTC',
      },
      vsix: [helperVsix()],
      skipBuiltins: ['vscode.github-authentication'],
      env: { CADENCE_TEST_GITHUB_TOKEN: TOKEN },
    });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('"Draft Weekly Update" signs in through VS Code’s dialog and shows the week on GitHub', async () => {
    const { page } = workbench;
    // Right after start-up the palette may not list extension commands yet: reopen it until it does.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const shown = await runFromPalette(page, 'Cadence: Draft Weekly Update for…').then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (Date.now() > deadline) throw new Error('"Cadence: Draft Weekly Update for…" never appeared in the palette');
      await page.keyboard.press('Escape');
    }
    const thisWeekRow = page.locator('.quick-input-list .monaco-list-row', { hasText: /This week/ }).first();
    await thisWeekRow.waitFor({ timeout: 60_000 });
    await thisWeekRow.click();

    // VS Code's own consent dialog for the sign-in: the user allows it.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), /Cadence.*GitHub \(test\)/s);
    await screenshot(page, 'github-sign-in');
    await dialog.locator('.monaco-button', { hasText: 'Allow' }).click();

    const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await editor.filter({ hasText: 'In progress / next week' }).waitFor({ timeout: 60_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Checkout in one page · \[octo\/app#41\]/);
    assert.match(text, /Reviewed 1 PR: \[octo\/app#42\]\([^)]+\) Faster search/);
    assert.match(text, /#43 “Dark mode” waits on changes requested/);
    assert.doesNotMatch(text, /GitHub left out/);
    assert.ok(server.requests.length > 0 && server.requests.every((r) => r.authorization === `token ${TOKEN}`));
    await screenshot(page, 'weekly-draft-github');
  });

  it('publishes the draft from its editor title as a new discussion, and shows the link', async () => {
    const { page } = workbench;
    const titleBar = page.locator('.editor-group-container.active .editor-actions');
    await titleBar.locator('[aria-label^="More Actions"]').click();
    await page
      .locator('.monaco-menu .action-item .action-label', { hasText: 'Publish Weekly Update to GitHub…' })
      .click();
    // The repository: the one the draft's GitHub evidence names.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'octo/app' }).first().click({ timeout: 30_000 });
    // The place: a discussion category (the server's are Announcements and General).
    await rows.filter({ hasText: 'General' }).first().click({ timeout: 30_000 });
    await waitUntil(() => server.created.length === 1, 'the discussion on the test server');
    const [created] = server.created;
    assert.equal(created.kind, 'discussion');
    assert.match(created.title ?? '', /^Week \d+ · /);
    assert.match(created.body, /Checkout in one page/);
    // As shared: no footer, no unedited prompt (the empty Focus section is left out).
    assert.doesNotMatch(created.body, /Counting you as|No focus blocks recorded/);
    // The notification names what was published, with an Open button (toasts are hidden in
    // smoke-test mode; the notification center shows them).
    await page.locator('#status\\.notifications').click();
    const message = page.locator('.notifications-center .notification-list-item-message', {
      hasText: 'published the weekly update as a new discussion in octo/app (General)',
    });
    await message.waitFor({ timeout: 30_000 });
    await screenshot(page, 'github-published');
  });
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

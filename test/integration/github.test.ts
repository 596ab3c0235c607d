// GitHub in a real VS Code: the draft command asks VS Code for a GitHub session silently under
// `auto` (signed out: the local draft, quietly, GitHub not asked); signed in — through the Accounts
// menu's "Sign in … to use Cadence" request, as a user would — it shows the week from the test
// server: merged PRs, reviews given, blockers. Publish posts the draft as shared to the same server.
// The `github` provider is the test's own (githubAuth.ts); the runner leaves out the built-in one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import type { DraftResult } from '../../src/vscode/weekly/weeklyCommands';
import { type GithubTestServer, startGithubServer } from '../fixtures/github/server';
import { NOW, scenarioWorld } from '../unit/github/scenario';
import { TEST_GITHUB_TOKEN, testGithubAuth } from './githubAuth';
import { waitFor } from './waitFor';

/** The draft's text once its editor is active. */
function draftText(result: DraftResult): Promise<string> {
  return waitFor(
    () =>
      vscode.window.activeTextEditor?.document.uri.toString() === result.uri
        ? vscode.window.activeTextEditor.document.getText()
        : undefined,
    'the draft',
  );
}

/**
 * Signs in the way the Accounts menu does: a plain getSession leaves a "Sign in with GitHub (test)
 * to use Cadence" request there; running it creates the session and grants Cadence access to it.
 */
async function signInFromAccountsMenu(): Promise<void> {
  const silent = await vscode.authentication.getSession('github', ['repo'], { silent: true });
  assert.equal(silent, undefined, 'no session before signing in');
  await vscode.authentication.getSession('github', ['repo'], {});
  const request = await waitFor(async () => {
    const all = await vscode.commands.getCommands();
    return all.find((id) => id.toLowerCase().startsWith(`github:${EXTENSION_ID}:signin`));
  }, 'the Accounts menu sign-in request');
  await vscode.commands.executeCommand(request);
  await waitFor(
    async () => vscode.authentication.getSession('github', ['repo'], { silent: true }),
    'a session Cadence may use',
  );
}

describe('GitHub evidence in a real VS Code', () => {
  let server: GithubTestServer;
  const weekly = () => vscode.workspace.getConfiguration('cadence.weekly');

  before(async () => {
    server = await startGithubServer(scenarioWorld());
    server.token = TEST_GITHUB_TOKEN;
    await weekly().update('githubApiUrl', server.url, vscode.ConfigurationTarget.Global);
    await weekly().update('timeZone', 'Europe/Berlin', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of ['githubApiUrl', 'timeZone', 'github'])
      await weekly().update(key, undefined, vscode.ConfigurationTarget.Global);
    await testGithubAuth.removeSession();
    await server.close();
    // Leave no draft behind (the weekly tests read the active untitled draft): revert, so no prompt.
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('signed out under `auto`: the local draft as it was, quietly, no sign-in offered, GitHub not asked', async () => {
    assert.equal(testGithubAuth.sessions.length, 0);
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft, { now: NOW });
    assert.ok(result);
    assert.deepEqual(result.draft.github, { status: 'signed-out', user: null, message: null });
    assert.equal(server.requests.length, 0);
    assert.equal(testGithubAuth.created, 0, 'no sign-in was started');
    assert.doesNotMatch(await draftText(result), /GitHub left out/);
  });

  it('signed in: the draft shows the merged PRs, the reviews given and the blockers from GitHub', async function () {
    this.timeout(60_000);
    await signInFromAccountsMenu();
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft, { now: NOW });
    assert.ok(result);
    assert.deepEqual(result.draft.github, { status: 'ok', user: 'mona', message: null });
    assert.ok(server.requests.every((r) => r.authorization === `token ${TEST_GITHUB_TOKEN}`));
    const text = await draftText(result);
    // No clone of octo/app in this workspace: links name the repository.
    assert.match(text, new RegExp(`Add CSV export · \\[octo/app#12\\]\\(${server.url}/octo/app/pull/12\\)`));
    assert.match(text, /Support Node 22/); // from a fork, in a repository without a clone
    assert.doesNotMatch(text, /next week already|Abandoned idea/);
    assert.match(text, /Closes \[octo\/app#88\]\([^)]+\/issues\/88\): Export to CSV/);
    assert.match(text, /Reviewed 1 PR: \[octo\/app#50\]\([^)]+\) Faster builds _\(@bob, approved\)_/);
    assert.match(text, /#20 “feat: new dashboard” waits on changes requested/);
    assert.doesNotMatch(text, new RegExp(TEST_GITHUB_TOKEN));
  });

  it('Publish posts the draft as shared: a new discussion titled by its heading, then a comment on an issue', async function () {
    this.timeout(60_000);
    server.world.issues.push({
      repo: 'octo/app',
      number: 95,
      title: 'Weekly updates',
      state: 'open',
      createdAt: '2026-10-01T10:00:00Z',
    });
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft, { now: NOW });
    assert.ok(result);
    const text = await draftText(result);
    assert.match(text, /Counting you as/);

    const discussion = await vscode.commands.executeCommand<string | undefined>(Commands.weeklyPublishGithub, {
      repo: 'octo/app',
      category: 'General',
    });
    assert.equal(discussion, `${server.url}/octo/app/discussions/1`);
    const created = server.created[0];
    assert.equal(created.kind, 'discussion');
    assert.equal(created.title, text.split('\n')[0].replace(/^# /, ''));
    assert.match(created.body, /Add CSV export/);
    assert.doesNotMatch(created.body, /Counting you as/);

    const comment = await vscode.commands.executeCommand<string | undefined>(Commands.weeklyPublishGithub, {
      repo: 'octo/app',
      issue: 95,
    });
    assert.match(comment ?? '', /\/octo\/app\/issues\/95#issuecomment-\d+$/);
    assert.equal(server.created[1].kind, 'comment');
    assert.match(server.created[1].body, /^# /);

    // A repository GitHub does not show: nothing published, the draft unchanged.
    const missing = await vscode.commands.executeCommand<string | undefined>(Commands.weeklyPublishGithub, {
      repo: 'octo/gone',
      issue: 1,
    });
    assert.equal(missing, undefined);
    assert.equal(server.created.length, 2);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), text);
  });
});

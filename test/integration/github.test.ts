// GitHub evidence in a real VS Code: the draft command asks VS Code for a GitHub session silently
// under `auto`, and without one drafts from local git with one line at the top, asking GitHub
// nothing. The signed-in path (a provider registered here for the id `github`) does not run in the
// code-server instance yet: code-server cannot disable its built-in GitHub authentication extension
// (no --disable-extension), and VS Code then waits for that extension's provider rather than this
// one. The client and the mapping are covered against the same test server in test/unit/github.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/ids';
import type { DraftResult } from '../../src/vscode/weekly/weeklyCommands';
import { type GithubTestServer, startGithubServer } from '../fixtures/github/server';
import { NOW, scenarioWorld } from '../unit/github/scenario';
import { waitFor } from './waitFor';

const TOKEN = 'gho_integration-token';

class TestGithubAuth implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  sessions: vscode.AuthenticationSession[] = [];
  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.sessions;
  }
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const session = { id: 'it', accessToken: TOKEN, account: { id: '1', label: 'mona' }, scopes };
    this.sessions = [session];
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }
  async removeSession(): Promise<void> {
    this.sessions = [];
  }
}

describe('GitHub evidence in a real VS Code', () => {
  let server: GithubTestServer;
  let registration: vscode.Disposable;
  const auth = new TestGithubAuth();
  const weekly = () => vscode.workspace.getConfiguration('cadence.weekly');

  before(async () => {
    server = await startGithubServer(scenarioWorld());
    server.token = TOKEN;
    registration = vscode.authentication.registerAuthenticationProvider('github', 'GitHub (test)', auth);
    await weekly().update('githubApiUrl', server.url, vscode.ConfigurationTarget.Global);
    await weekly().update('timeZone', 'Europe/Berlin', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of ['githubApiUrl', 'timeZone', 'github'])
      await weekly().update(key, undefined, vscode.ConfigurationTarget.Global);
    registration.dispose();
    await server.close();
  });

  it('signed out under `auto`: the local draft as it was, quietly, and GitHub is not asked', async () => {
    auth.sessions = [];
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft, { now: NOW });
    assert.ok(result);
    assert.deepEqual(result.draft.github, { status: 'signed-out', user: null, message: null });
    assert.equal(server.requests.length, 0);
    const text = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.uri.toString() === result.uri
          ? vscode.window.activeTextEditor.document.getText()
          : undefined,
      'the draft',
    );
    assert.doesNotMatch(text, /GitHub left out/);
  });
});

// The authentication provider for the id `github` in the test VS Code (the runners leave out the
// built-in GitHub Authentication extension, which claims that id). Registered once for the whole
// run, from the test entry: without any provider for `github`, VS Code waits five seconds for one to
// register on every getSession, so every weekly draft in every test would wait.
import * as vscode from 'vscode';

export const TEST_GITHUB_TOKEN = 'gho_integration-token';

class TestGithubAuth implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  sessions: vscode.AuthenticationSession[] = [];
  /** How often a session was created (a sign-in). */
  created = 0;
  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.sessions;
  }
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const session = { id: 'it', accessToken: TEST_GITHUB_TOKEN, account: { id: '1', label: 'mona' }, scopes };
    this.created++;
    this.sessions = [session];
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }
  async removeSession(): Promise<void> {
    const removed = this.sessions;
    this.sessions = [];
    this.changed.fire({ added: [], removed, changed: [] });
  }
}

// Each test file is bundled on its own (scripts/build-tests.mjs), so this module may load more than
// once: the one provider lives on the global object, shared by the entry that registers it and the
// tests that sign in and out.
const KEY = Symbol.for('cadence.test.githubAuth');
const shared = globalThis as { [KEY]?: TestGithubAuth };
export const testGithubAuth: TestGithubAuth = (shared[KEY] ??= new TestGithubAuth());

export function registerTestGithubAuth(): vscode.Disposable {
  return vscode.authentication.registerAuthenticationProvider('github', 'GitHub (test)', testGithubAuth);
}

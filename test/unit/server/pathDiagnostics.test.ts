// Broken path references and drift in the language server, over the repository built by
// test/fixtures/duty.mjs, through the real JSON-RPC path with the Node evidence (real git).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { nodePathEvidence } from '../../../src/node/docs/pathEvidence';
import { pathToUri } from '../../../src/server/uris';
import { buildDutyRepo, NOW } from '../../fixtures/duty.mjs';
import { inProcessServer, type TestClient } from './lspClient';

describe('language server: path references and drift', () => {
  let root: string;
  let client: TestClient;

  before(function () {
    this.timeout(60_000);
    root = buildDutyRepo(path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-lsp-duty-'))), 'r'));
  });
  afterEach(() => client?.dispose());

  const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

  it('warns about a renamed path and offers the new path as a quick fix', async () => {
    client = inProcessServer({ pathEvidence: nodePathEvidence, clock: { now: () => Date.parse(NOW) } });
    await client.initialize([root]);
    const readme = path.join(root, 'README.md');
    const text = fs.readFileSync(readme, 'utf8');
    client.open(readme, text);
    const diagnostics = await client.diagnosticsFor(
      readme,
      (d) => d.filter((x) => x.code === 'broken-path').length >= 2,
      15_000,
    );
    const deploy = diagnostics.find((d) => String(d.message).startsWith('scripts/deploy.sh'));
    assert.ok(deploy);
    assert.equal(deploy.severity, 2);
    assert.equal(deploy.message, 'scripts/deploy.sh is gone (renamed to scripts/release-deploy.sh).');
    assert.deepEqual(deploy.range, { start: { line: 3, character: 13 }, end: { line: 3, character: 30 } });
    const link = diagnostics.find((d) => d.code === 'broken-link');
    assert.equal(link?.message, 'src/billing/tax.ts is gone (renamed to src/tax/tax.ts).');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(readme) },
      range: deploy.range,
      context: { diagnostics: [deploy] },
    })) as CodeAction[];
    assert.equal(actions[0].title, 'Change to scripts/release-deploy.sh');
    assert.deepEqual(actions[0].edit?.changes?.[pathToUri(readme)], [
      { range: deploy.range, newText: 'scripts/release-deploy.sh' },
    ]);
  });

  it('reports drift as information on an open runbook', async () => {
    client = inProcessServer({ pathEvidence: nodePathEvidence, clock: { now: () => Date.parse(NOW) } });
    await client.initialize([root]);
    const runbook = path.join(root, 'docs', 'runbooks', 'payments.md');
    client.open(runbook, fs.readFileSync(runbook, 'utf8'));
    const diagnostics = await client.diagnosticsFor(runbook, has('drift'), 15_000);
    const drift = diagnostics.find((d) => d.code === 'drift');
    assert.equal(drift?.severity, 3);
    assert.equal(
      drift?.message,
      '6 commits to services/payments/ (paths this doc names) since it was last edited (10 months ago).',
    );
  });

  it('with git off (untrusted), only links to missing files are reported', async () => {
    client = inProcessServer({ pathEvidence: nodePathEvidence, clock: { now: () => Date.parse(NOW) } });
    await client.initialize([root], { git: false });
    const contributing = path.join(root, 'CONTRIBUTING.md');
    client.open(contributing, fs.readFileSync(contributing, 'utf8'));
    const diagnostics = await client.diagnosticsFor(contributing, has('broken-link'), 15_000);
    assert.equal(
      diagnostics.find((d) => d.code === 'broken-link')?.message,
      'docs/missing.md is gone (not in the repository).',
    );
    const readme = path.join(root, 'README.md');
    client.open(readme, fs.readFileSync(readme, 'utf8'));
    const plain = await client.diagnosticsFor(readme, has('broken-link'), 15_000);
    assert.ok(!plain.some((d) => d.code === 'broken-path'), 'inline code is a path only when git knows it');
  });

  it('reads the evidence again when HEAD moves: a new commit to a named path raises the drift count', async function () {
    this.timeout(60_000);
    const moving = buildDutyRepo(
      path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-lsp-head-'))), 'r'),
    ) as string;
    client = inProcessServer({
      pathEvidence: nodePathEvidence,
      clock: { now: () => Date.parse(NOW) },
      headDelayMs: 5,
    });
    await client.initialize([moving]);
    const runbook = path.join(moving, 'docs', 'runbooks', 'payments.md');
    client.open(runbook, fs.readFileSync(runbook, 'utf8'));
    const driftOf = (d: Diagnostic[]) => String(d.find((x) => x.code === 'drift')?.message ?? '');
    await client.diagnosticsFor(runbook, (d) => driftOf(d).startsWith('6 commits'), 15_000);
    const git = (args: string[]) =>
      execFileSync('git', args, {
        cwd: moving,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
        stdio: 'ignore',
      });
    fs.writeFileSync(path.join(moving, 'services', 'payments', 'api.ts'), 'export const api = 99;\n');
    git(['-c', 'user.name=Grace', '-c', 'user.email=grace@example.com', 'commit', '-qam', 'feat(payments): seven']);
    // What the editor's file watcher sends for a commit: the branch ref changed.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToUri(path.join(moving, '.git', 'refs', 'heads', 'main')), type: 2 }],
    });
    const after = await client.diagnosticsFor(runbook, (d) => driftOf(d).startsWith('7 commits'), 15_000);
    assert.match(driftOf(after), /^7 commits to services\/payments\//);
  });
});

// The extension's commands on a repository whose own config names a marker-writing program for
// everything git can run (test/fixtures/hostile-repo.mjs arms the sample workspace, then restores
// it): drafting the weekly update, refreshing decision records and runbooks (runbook dates from git)
// and a focus block (branch and commits from git) must leave no marker. The runner turns VS Code's own
// git extension off (git.enabled): it would run `git status` on the armed repository itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseFocusHistory } from '../../src/core/focus/history';
import type { CadenceApi } from '../../src/extension';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import type { DraftResult } from '../../src/vscode/weekly/weeklyCommands';
import { armHostile, markersIn } from '../fixtures/hostile-repo.mjs';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE!;

describe('a hostile repository in a real VS Code runs nothing', () => {
  let api: CadenceApi;
  let base: string;
  let armed: { markers: string; disarm(): void };
  const changed = path.join(workspace, 'docs', 'billing.md');
  let original: string;

  before(async () => {
    api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-it-'));
    armed = armHostile(workspace, base);
    // A changed tracked file: git status would run the clean filter on it.
    original = fs.readFileSync(changed, 'utf8');
    fs.appendFileSync(changed, '\nChanged while armed.\n');
  });

  after(() => {
    armed.disarm();
    fs.writeFileSync(changed, original);
    fs.rmSync(base, { recursive: true, force: true });
  });

  const noMarkers = () => assert.deepEqual(markersIn(armed.markers), [], 'programs named by the repository ran');

  it('drafts the weekly update (status, log, patch ids) without running them', async () => {
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(result, 'no draft');
    assert.ok(
      result.draft.inProgress.some((item) => item.kind === 'uncommitted'),
      'the changed file is counted',
    );
    noMarkers();
  });

  it('refreshes decision records and runbooks (git dates) without running them', async () => {
    await vscode.commands.executeCommand(Commands.docsRefresh);
    await api.docs.whenReady();
    assert.ok((await api.docs.snapshot('runbooks')).length > 0);
    noMarkers();
  });

  it('records a focus block (branch, commits) without running them', async () => {
    const started = Date.now();
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    assert.equal((await api.focus.read()).timer.phase, 'focus');
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    const record = await waitFor(
      () =>
        fs.existsSync(api.focus.historyFile) &&
        parseFocusHistory(fs.readFileSync(api.focus.historyFile, 'utf8')).find(
          (r) => r.startedAt >= started - 1000 && r.branchAtEnd !== undefined,
        ),
      'the block in the history with its branch',
    );
    assert.equal(record.branchAtStart, 'main');
    noMarkers();
  });
});

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/shared/ids';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE ?? '';

describe('documentation duty in a real VS Code', () => {
  let api: CadenceApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!;
    api = await extension.activate();
    await api.duty.whenReady();
  });

  it('lists the guides with their age in the Guides view, and whose turn it is', async () => {
    const guides = await api.duty.guides();
    assert.deepEqual(
      guides.map((g) => g.label),
      ['docs/onboarding/first-day.md', 'README.md'],
    );
    for (const guide of guides) assert.match(guide.description ?? '', /^changed \d+ days ago$/);
    assert.equal(guides[0].contextValue, 'cadence.guide');
    // The sample's team file puts Ada (the workspace's user.email) on duty this week.
    await waitFor(() => api.duty.message() === 'Docs duty this week: Ada (you)', 'the duty headline');
  });

  it('offers the checklist with each item’s action, and opens a doc at the item’s line', async () => {
    await api.duty.refresh();
    const entries = api.duty.checklist();
    const broken = entries.find((e) => e.item.kind === 'broken-path');
    assert.ok(broken, JSON.stringify(entries.map((e) => e.label)));
    assert.equal(broken.label, '$(link-external) docs/onboarding/first-day.md:3');
    assert.match(broken.detail, /links to `scripts\/setup\.sh`/);
    // Each kind offers its own action (other tests may already have reviewed or decided some).
    const expected: Record<string, string[]> = {
      'stale-runbook': ['open', 'markReviewed'],
      'proposed-stale': ['open', 'changeStatus'],
    };
    for (const entry of entries) assert.deepEqual(entry.actions, expected[entry.item.kind] ?? ['open'], entry.label);
    await api.duty.run(broken, 'open');
    await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.uri.fsPath ===
          path.join(workspace, 'docs', 'onboarding', 'first-day.md') &&
        vscode.window.activeTextEditor.selection.active.line === 2,
      'the guide open at the broken link',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('says in the Guides view, in one line, that a shallow clone’s history is left out', async () => {
    // A shallow clone as git records one: `.git/shallow` lists the commits whose parents were not fetched.
    const shallowFile = path.join(workspace, '.git', 'shallow');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' }).trim();
    fs.writeFileSync(shallowFile, `${head}\n`);
    try {
      await api.duty.refresh();
      await waitFor(
        () =>
          api.duty.message() ===
          'Docs duty this week: Ada (you). This repository is a shallow clone: drift, renames and ages need the whole history and are left out (git fetch --unshallow).',
        'the shallow clone note',
      );
    } finally {
      fs.rmSync(shallowFile, { force: true });
    }
    await api.duty.refresh();
    await waitFor(() => api.duty.message() === 'Docs duty this week: Ada (you)', 'the headline alone');
  });
});

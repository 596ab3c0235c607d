import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import type { TreeSnapshot } from '../../src/vscode/docs/registerDocs';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE ?? '';

function find(nodes: TreeSnapshot[], label: string | RegExp): TreeSnapshot | undefined {
  for (const node of nodes) {
    if (typeof label === 'string' ? node.label === label : label.test(node.label)) return node;
    const inner = find(node.children, label);
    if (inner) return inner;
  }
  return undefined;
}

function labels(nodes: TreeSnapshot[]): string[] {
  return nodes.map((n) => n.label);
}

describe('decision records and runbooks in a real VS Code', () => {
  let api: CadenceApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!;
    api = await extension.activate();
    await api.docs.whenReady();
  });

  it('lists the sample workspace in the Decisions tree, by folder and status', async () => {
    const tree = await api.docs.snapshot('decisions');
    assert.deepEqual(labels(tree), ['doc/adr', 'services/api/docs/decisions']);
    const adr = tree[0];
    assert.deepEqual(labels(adr.children), ['Accepted', 'Proposed', 'Superseded']);
    assert.deepEqual(labels(adr.children[0].children), [
      '0001 Record architecture decisions',
      '0003 Weekly async updates instead of a daily stand-up',
    ]);
    const lazy = find(adr.children, /^0003/)!;
    assert.equal(lazy.description, '✅ Accepted (lazy consensus) & implemented · 2026-03-10');
    // The superseded record is listed under Superseded and nested under its successor.
    const successor = find(adr.children[1].children, /^0004/)!;
    assert.deepEqual(labels(successor.children), ['0002 Use PostgreSQL for billing data']);
    assert.deepEqual(labels(adr.children[2].children), ['0002 Use PostgreSQL for billing data']);
    // A superseded record reads as superseded, by number; its tooltip names the successor.
    const superseded = adr.children[2].children[0];
    assert.equal(superseded.description, 'Superseded by 4 · 2026-02-03');
    const tip = (superseded.tooltip ?? '').replace(/&nbsp;/g, ' ');
    assert.match(tip, /Superseded by \*\*0004 Use a managed PostgreSQL service\*\*/);
    const madr = tree[1];
    assert.deepEqual(labels(madr.children), ['Accepted', 'Proposed']);
    assert.equal(madr.children[0].children[0].label, '0001 Use REST over gRPC for the public API');
    assert.equal(madr.children[0].children[0].contextValue, 'cadence.decision');
  });

  it('lists the runbooks grouped by service or folder, with counts, by title, the stale one marked', async () => {
    const tree = await api.docs.snapshot('runbooks');
    // runbooks/payments/owners.md names no service, but its folder's runbooks do: one payments group.
    assert.deepEqual(labels(tree), ['payments (2)', 'runbooks (1)']);
    assert.equal(tree[0].description, '1 stale');
    assert.deepEqual(labels(tree[0].children), ['Owners', 'Refunds stuck in pending']);
    const refund = find(tree, 'Refunds stuck in pending')!;
    assert.match(refund.description ?? '', /^stale: review was due 2026-05-01 · grace@example.com$/);
    assert.deepEqual(labels(tree[1].children), ['Roll back a deploy']);
  });

  it('sorts runbooks stale first or by due date from Sort Runbooks…, and back by title', async () => {
    const order = async (): Promise<string[]> => labels((await api.docs.snapshot('runbooks'))[0]?.children ?? []);
    try {
      await vscode.commands.executeCommand(Commands.docsSortRunbooks, 'staleFirst');
      await waitFor(async () => (await order())[0] === 'Refunds stuck in pending', 'the stale runbook first');
      await vscode.commands.executeCommand(Commands.docsSortRunbooks, 'title');
      await waitFor(async () => (await order())[0] === 'Owners', 'by title again');
      await vscode.commands.executeCommand(Commands.docsSortRunbooks, 'dueDate');
      await waitFor(async () => (await order())[0] === 'Refunds stuck in pending', 'the earliest due first');
    } finally {
      await vscode.workspace.getConfiguration('cadence.docs').update('runbookSort', undefined, true);
      await waitFor(async () => (await order())[0] === 'Owners', 'the default order');
    }
  });

  it('updates the tree within a second of a file change, without a rescan', async () => {
    const file = path.join(workspace, 'doc', 'adr', '0001-record-architecture-decisions.md');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(
        file,
        original.replace('# 1. Record architecture decisions', '# 1. Record every architecture decision'),
      );
      await waitFor(
        async () => find(await api.docs.snapshot('decisions'), '0001 Record every architecture decision'),
        'the renamed record in the tree',
        1000,
      );
    } finally {
      fs.writeFileSync(file, original);
      await waitFor(
        async () => find(await api.docs.snapshot('decisions'), '0001 Record architecture decisions'),
        'restore',
      );
    }
  });

  it('New Decision Record writes the next number in the folder format, status Proposed', async () => {
    const folder = path.join(workspace, 'doc', 'adr');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.docsNewDecision, {
      folder,
      title: 'Adopt feature flags',
    });
    assert.ok(uri, 'the command returned the new file');
    try {
      assert.equal(path.basename(uri.fsPath), '0005-adopt-feature-flags.md');
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      assert.match(text, /^# 5\. Adopt feature flags\n\nDate: \d{4}-\d{2}-\d{2}\n\n## Status\n\nProposed\n/);
      await waitFor(
        async () => find(await api.docs.snapshot('decisions'), '0005 Adopt feature flags'),
        'the new record in the tree',
      );
    } finally {
      // Leave the workspace as the other tests expect it.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(uri.fsPath, { force: true });
      await waitFor(
        async () => !find(await api.docs.snapshot('decisions'), '0005 Adopt feature flags'),
        'the new record to leave the tree',
      );
    }
  });

  it('a renamed or deleted folder takes its records along (one watcher event for the folder)', async () => {
    const from = path.join(workspace, 'runbooks', 'payments');
    const to = path.join(workspace, 'runbooks', 'pay-ops');
    // The runbooks stay in their payments group; each one's tooltip names its file.
    const file = async (): Promise<string> =>
      (find(await api.docs.snapshot('runbooks'), 'Owners')?.tooltip ?? '').replace(/\\(.)/g, '$1');
    fs.renameSync(from, to);
    try {
      await waitFor(
        async () => (await file()).includes('runbooks/pay-ops/owners.md'),
        'the runbooks under their new folder only',
      );
    } finally {
      fs.renameSync(to, from);
    }
    await waitFor(
      async () => (await file()).includes('runbooks/payments/owners.md'),
      'the runbooks back under their folder',
    );
  });

  it('Supersede writes the new record, marks the old one, and the edit is undoable', async () => {
    const oldFile = path.join(workspace, 'services', 'api', 'docs', 'decisions', '0002-version-the-api-in-the-path.md');
    const before = fs.readFileSync(oldFile, 'utf8');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.docsSupersede, vscode.Uri.file(oldFile), {
      title: 'Version the API with a header',
    });
    assert.ok(uri);
    assert.equal(path.basename(uri.fsPath), '0003-version-the-api-with-a-header.md');
    const created = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(created, /^---\nstatus: proposed\n/);
    assert.match(created, /Supersedes \[ADR-0002\]\(0002-version-the-api-in-the-path\.md\)/);
    const after = fs.readFileSync(oldFile, 'utf8');
    assert.equal(
      after,
      before.replace('status: proposed', 'status: "superseded by [ADR-0003](0003-version-the-api-with-a-header.md)"'),
    );
    const tree = await waitFor(async () => {
      const t = await api.docs.snapshot('decisions');
      return find(t, /^0003 Version the API with a header/)?.children.length ? t : undefined;
    }, 'the successor with the old record nested');
    assert.equal(
      find(tree, /^0003 Version the API with a header/)?.children[0].label,
      '0002 Version the API in the URL path',
    );

    // Undo in the old record's editor restores every byte.
    const document = await vscode.workspace.openTextDocument(oldFile);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === before, 'undo to restore the old record');
    await document.save();
    assert.equal(fs.readFileSync(oldFile, 'utf8'), before);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Change Status replaces only the status text', async () => {
    const file = path.join(workspace, 'doc', 'adr', '0004-use-managed-postgresql.md');
    const before = fs.readFileSync(file, 'utf8');
    await vscode.commands.executeCommand(Commands.docsChangeStatus, vscode.Uri.file(file), 'Accepted');
    assert.equal(fs.readFileSync(file, 'utf8'), before.replace('## Status\n\nProposed', '## Status\n\nAccepted'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Mark Runbook Reviewed sets last_reviewed_on and the runbook is no longer stale', async () => {
    const file = path.join(workspace, 'runbooks', 'payments', 'refund-stuck.md');
    await vscode.commands.executeCommand(Commands.docsMarkReviewed, vscode.Uri.file(file));
    assert.match(fs.readFileSync(file, 'utf8'), /last_reviewed_on: \d{4}-\d{2}-\d{2}\n/);
    await waitFor(
      async () =>
        /^review by /.test(find(await api.docs.snapshot('runbooks'), 'Refunds stuck in pending')?.description ?? ''),
      'the runbook to be fresh',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Supersede by an existing record: both files change, the tree nests them, Undo Last Cadence Edit takes both back', async () => {
    const oldFile = path.join(workspace, 'doc', 'adr', '0003-async-weekly-updates.md');
    const successorFile = path.join(workspace, 'doc', 'adr', '0004-use-managed-postgresql.md');
    const oldBefore = fs.readFileSync(oldFile, 'utf8');
    const successorBefore = fs.readFileSync(successorFile, 'utf8');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.docsSupersede, vscode.Uri.file(oldFile), {
      successor: successorFile,
    });
    assert.equal(uri?.fsPath, successorFile);
    assert.match(
      fs.readFileSync(oldFile, 'utf8'),
      /## Status\n\nSuperseded by \[4\. Use a managed PostgreSQL service\]\(0004-use-managed-postgresql\.md\)\n/,
    );
    assert.match(
      fs.readFileSync(successorFile, 'utf8'),
      /Supersedes \[3\. Weekly async updates instead of a daily stand-up\]\(0003-async-weekly-updates\.md\)/,
    );
    await waitFor(async () => {
      const successor = find(await api.docs.snapshot('decisions'), /^0004 /);
      return successor?.children.some((c) => c.label.startsWith('0003 '));
    }, 'the old record nested under its successor');
    // From the tree (its title bar and Ctrl+Z run this command): the last Cadence edit, both files.
    await vscode.commands.executeCommand(Commands.docsUndo);
    assert.equal(fs.readFileSync(oldFile, 'utf8'), oldBefore);
    assert.equal(fs.readFileSync(successorFile, 'utf8'), successorBefore);
    await waitFor(
      async () => find(await api.docs.snapshot('decisions'), /^0003 /)?.description?.startsWith('✅ Accepted'),
      'the old record accepted again in the tree',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Undo Last Cadence Edit takes back Change Status, and refuses once the file changed since', async () => {
    const file = path.join(workspace, 'doc', 'adr', '0001-record-architecture-decisions.md');
    const before = fs.readFileSync(file, 'utf8');
    await vscode.commands.executeCommand(Commands.docsChangeStatus, vscode.Uri.file(file), 'Deprecated');
    assert.notEqual(fs.readFileSync(file, 'utf8'), before);
    await vscode.commands.executeCommand(Commands.docsUndo);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    // Nothing left to undo: the file stays as it is.
    await vscode.commands.executeCommand(Commands.docsUndo);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    // A later edit by hand wins over Undo.
    await vscode.commands.executeCommand(Commands.docsChangeStatus, vscode.Uri.file(file), 'Rejected');
    const document = await vscode.workspace.openTextDocument(file);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), '\nA note.\n');
    await vscode.workspace.applyEdit(edit);
    await document.save();
    const mine = fs.readFileSync(file, 'utf8');
    await vscode.commands.executeCommand(Commands.docsUndo);
    assert.equal(fs.readFileSync(file, 'utf8'), mine);
    fs.writeFileSync(file, before);
    await waitFor(
      async () => find(await api.docs.snapshot('decisions'), /^0001 Record/)?.description?.startsWith('Accepted'),
      'the record restored',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a filter expands the groups that hold its matches', async () => {
    const superseded = async (): Promise<TreeSnapshot | undefined> =>
      find(await api.docs.snapshot('decisions'), 'Superseded');
    assert.equal((await superseded())?.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    await vscode.commands.executeCommand(Commands.docsFilter, 'postgresql');
    try {
      assert.equal((await superseded())?.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    } finally {
      await vscode.commands.executeCommand(Commands.docsClearFilter);
    }
    assert.equal((await superseded())?.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('filters the tree by tag and clears the filter', async () => {
    await vscode.commands.executeCommand(Commands.docsFilter, 'tag:protocols');
    const filtered = await api.docs.snapshot('decisions');
    assert.equal(find(filtered, /^0001 Use REST/)?.label, '0001 Use REST over gRPC for the public API');
    assert.equal(find(filtered, /^0002/), undefined);
    await vscode.commands.executeCommand(Commands.docsClearFilter);
    assert.ok(find(await api.docs.snapshot('decisions'), /^0002 Use PostgreSQL/));
  });

  it('toggles to a flat list by number and back', async () => {
    await vscode.commands.executeCommand(Commands.docsToggleGrouping);
    const flat = await api.docs.snapshot('decisions');
    assert.deepEqual(labels(flat[0].children).slice(0, 3), [
      '0001 Record architecture decisions',
      '0002 Use PostgreSQL for billing data',
      '0003 Weekly async updates instead of a daily stand-up',
    ]);
    await vscode.commands.executeCommand(Commands.docsToggleGrouping);
    assert.equal((await api.docs.snapshot('decisions'))[0].children[0].label, 'Accepted');
  });

  it('reveals the active record in the tree and copies a relative link', async () => {
    const folder = path.join(workspace, 'doc', 'adr');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, '0003-async-weekly-updates.md')));
    assert.equal(await vscode.commands.executeCommand(Commands.docsReveal), true);
    const link = await vscode.commands.executeCommand<string>(
      Commands.docsCopyLink,
      vscode.Uri.file(path.join(folder, '0001-record-architecture-decisions.md')),
    );
    assert.equal(link, '[0001 Record architecture decisions](0001-record-architecture-decisions.md)');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Copy Link from the palette with nothing selected offers a record picker', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.env.clipboard.writeText('');
    let link: string | undefined;
    let settled = false;
    void vscode.commands.executeCommand<string | undefined>(Commands.docsCopyLink).then((value) => {
      link = value;
      settled = true;
    });
    // Before the change the command copied nothing and settled at once without a picker; now it
    // waits for a pick: take the first record offered, as a user pressing Enter would.
    await waitFor(async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    }, 'the record picker to take the first record');
    assert.match(link ?? '', /^\[[^\]]+\]\([^)]+\.md\)$/, `copied ${link}`);
    assert.equal(await vscode.env.clipboard.readText(), link);
  });
});

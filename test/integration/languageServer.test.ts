import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/shared/ids';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE ?? '';

function cadence(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cadence');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The status line of a Nygard record as it is on disk now (other suites change statuses). */
function statusOnDisk(uri: vscode.Uri): string {
  const lines = fs.readFileSync(uri.fsPath, 'utf8').split('\n');
  return lines.slice(lines.indexOf('## Status') + 1).find((l) => l.trim() !== '') ?? '';
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('language server in a real VS Code', () => {
  const adr = (name: string): vscode.Uri => vscode.Uri.file(path.join(workspace, 'doc', 'adr', name));
  const postgres = adr('0002-use-postgresql.md');

  before(async () => {
    const extension = vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!;
    await extension.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts with the first Markdown file and reports a duplicate number written to disk', async () => {
    const document = await vscode.workspace.openTextDocument(postgres);
    await vscode.window.showTextDocument(document);
    const duplicate = adr('0002-duplicate-number.md');
    fs.writeFileSync(duplicate.fsPath, '# 2. A second record numbered 2\n\n## Status\n\nProposed\n');
    try {
      const found = await waitFor(
        () => cadence(postgres).find((d) => codeOf(d) === 'duplicate-number'),
        'a duplicate-number diagnostic on 0002-use-postgresql.md',
        20_000,
      );
      assert.match(found.message, /0002-duplicate-number\.md/);
      // A warning by default (cadence.docs.diagnostics): old duplicates are history, not breakage.
      assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(document.lineAt(found.range.start.line).text, '# 2. Use PostgreSQL for billing data');
    } finally {
      fs.rmSync(duplicate.fsPath, { force: true });
    }
    await waitFor(() => cadence(postgres).length === 0, 'the diagnostic to clear once the file is gone');
  });

  it('completes record links after "Supersedes" and statuses in the Status section', async () => {
    const uri = adr('0003-async-weekly-updates.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      const end = document.lineAt(document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, '\nSupersedes '));
      const position = document.lineAt(document.lineCount - 1).range.end;
      const list = await waitFor(async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          position,
        );
        return result.items.some((i) => labelOf(i) === '0004 Use a managed PostgreSQL service') && result;
      }, 'record completions from the Cadence language server');
      const managed = list.items.find((i) => labelOf(i) === '0004 Use a managed PostgreSQL service')!;
      assert.equal(managed.detail, statusOnDisk(adr('0004-use-managed-postgresql.md')));
      const edit = managed.textEdit ?? (managed.insertText as string);
      const text = edit instanceof vscode.TextEdit ? edit.newText : edit;
      assert.equal(text, '[4. Use a managed PostgreSQL service](0004-use-managed-postgresql.md)');
      const statusLine = document.getText().split('\n').indexOf('## Status') + 2;
      const statuses = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(statusLine, 0),
      );
      assert.ok(statuses.items.some((i) => labelOf(i) === 'Accepted'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('hovers a supersede link with the target record preview', async () => {
    const document = await vscode.workspace.openTextDocument(postgres);
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('Superseded by'));
    const character = document.lineAt(line).text.indexOf('0004');
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        postgres,
        new vscode.Position(line, character),
      );
      const all = hoverText(hovers);
      return all.includes('Use a managed PostgreSQL service') && all;
    }, 'a Cadence hover');
    assert.ok(text.includes(`${statusOnDisk(adr('0004-use-managed-postgresql.md'))} · 2026-06-01`), text);
    assert.match(text, /\*\*Decision:\*\* We will move billing data to a managed PostgreSQL service\./);
  });

  it('cadence.docs.languageServer turns the server off and on without a reload', async () => {
    const uri = adr('0003-async-weekly-updates.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const config = vscode.workspace.getConfiguration('cadence.docs');
    try {
      // An unsaved edit: the server reads the editor's text, and the disk stays as it was.
      const line = document.getText().split('\n').indexOf('## Status') + 2;
      await editor.edit((edit) => edit.replace(document.lineAt(line).range, 'Parked until Q3'));
      await waitFor(() => cadence(uri).some((d) => codeOf(d) === 'unknown-status'), 'an unknown-status diagnostic');
      await config.update('languageServer', false, vscode.ConfigurationTarget.Global);
      await waitFor(() => cadence(uri).length === 0, 'the diagnostics to go with the server');
      await config.update('languageServer', true, vscode.ConfigurationTarget.Global);
      await waitFor(
        () => cadence(uri).some((d) => codeOf(d) === 'unknown-status'),
        'the restarted server to report the open document again',
        20_000,
      );
    } finally {
      await config.update('languageServer', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
  it('reports an overdue runbook only while it is open, as information, with a Mark Runbook Reviewed quick fix', async () => {
    const runbook = (name: string): vscode.Uri => vscode.Uri.file(path.join(workspace, 'runbooks', name));
    const opened = runbook('rotate-certificates.md');
    const other = runbook('renew-dns.md');
    const stale = (title: string): string => `---\nlast_reviewed_on: 2020-01-06\n---\n# ${title}\n`;
    fs.writeFileSync(opened.fsPath, stale('Rotate the TLS certificates'));
    fs.writeFileSync(other.fsPath, stale('Renew the DNS zone'));
    try {
      const document = await vscode.workspace.openTextDocument(opened);
      await vscode.window.showTextDocument(document);
      const found = await waitFor(
        () => cadence(opened).find((d) => codeOf(d) === 'stale-runbook'),
        'a stale-runbook diagnostic on the open runbook',
        20_000,
      );
      assert.equal(found.severity, vscode.DiagnosticSeverity.Information);
      // The other overdue runbook is not open: not in the Problems panel.
      assert.deepEqual(cadence(other), []);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        opened,
        found.range,
      );
      const fix = actions.find((a) => a.title === 'Mark Runbook Reviewed');
      assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /^---\nlast_reviewed_on: \d{4}-\d{2}-\d{2}\n---\n# Rotate/);
      assert.doesNotMatch(document.getText(), /2020-01-06/);
      await waitFor(() => cadence(opened).length === 0, 'the diagnostic to clear after the quick fix');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      fs.rmSync(opened.fsPath, { force: true });
      fs.rmSync(other.fsPath, { force: true });
    }
  });
});

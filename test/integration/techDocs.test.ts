// A GOV.UK tech-docs site in a real VS Code: its `.html.md.erb` runbook is in the Runbooks tree, and
// the language server, whose client selects such files by name (their language id is not
// `markdown`), reports on it when it is opened.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TEMPLATE_MARKDOWN_GLOB } from '../../src/core/docs/markdownNames';
import type { CadenceApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/shared/ids';
import type { TreeSnapshot } from '../../src/vscode/docs/registerDocs';
import { TECH_DOCS_RUNBOOK, addTechDocsSite } from '../fixtures/tech-docs-site.mjs';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE ?? '';

function flat(nodes: TreeSnapshot[]): TreeSnapshot[] {
  return nodes.flatMap((node) => [node, ...flat(node.children)]);
}

describe('a GOV.UK tech-docs runbook in a real VS Code', () => {
  let api: CadenceApi;
  let removeSite: (() => void) | undefined;
  const runbook = vscode.Uri.file(path.join(workspace, TECH_DOCS_RUNBOOK));
  const titles = async (): Promise<string[]> => flat(await api.docs.snapshot('runbooks')).map((n) => n.label);

  before(async () => {
    api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    await api.docs.whenReady();
    removeSite = addTechDocsSite(workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeSite?.();
    await waitFor(async () => !(await titles()).includes('Restart the router'), 'the site gone from the tree');
  });

  it('lists source/runbooks/restart.html.md.erb in the Runbooks tree, overdue, and not the index page', async () => {
    await waitFor(async () => (await titles()).includes('Restart the router'), 'the tech-docs runbook in the tree');
    const node = flat(await api.docs.snapshot('runbooks')).find((n) => n.label === 'Restart the router')!;
    assert.match(String(node.description), /2020-05-04/);
    assert.match((node.tooltip ?? '').replace(/\\(.)/g, '$1'), /restart\.html\.md\.erb/);
    assert.ok(!(await titles()).includes('Example handbook'));
  });

  it('is selected by the language client by its name and gets the server’s diagnostic when opened', async () => {
    const document = await vscode.workspace.openTextDocument(runbook);
    await vscode.window.showTextDocument(document);
    // VS Code's built-in Ruby support claims `.erb`: a .md.erb page is `ruby`, not `markdown`, and
    // the client's file pattern selects it all the same.
    assert.equal(document.languageId, 'ruby');
    assert.ok(vscode.languages.match({ scheme: 'file', pattern: TEMPLATE_MARKDOWN_GLOB }, document) > 0);
    const stale = await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(runbook)
          .find(
            (d) =>
              d.source === 'cadence' &&
              (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === 'stale-runbook',
          ),
      'a stale-runbook diagnostic on the .md.erb runbook',
      20_000,
    );
    assert.match(stale.message, /2020-05-04/);
  });
});

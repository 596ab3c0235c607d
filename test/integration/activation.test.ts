import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import { waitFor } from './waitFor';

describe('extension in a real VS Code', () => {
  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command contributed in package.json', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('"Cadence: Show Log" opens the Cadence output channel', async () => {
    await vscode.commands.executeCommand(Commands.showLog);
    // The Output view shows the channel in an editor whose document is visible to extensions.
    // Its text arrives asynchronously (the log is written to a file the view follows).
    const document = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (doc) => doc.uri.scheme === 'output' && doc.uri.path.includes('Cadence') && /activated/.test(doc.getText()),
        ),
      'the Cadence output channel to open and show the activation line',
    );
    assert.match(document.getText(), /Cadence \d+\.\d+\.\d+ activated/);
  });
});

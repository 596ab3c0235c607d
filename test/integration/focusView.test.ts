// The sidebar's Focus view in the real extension host: it follows the timer, and a stopped block
// appears under Today.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { parseShared, serializeShared, type SharedFocus } from '../../src/core/focus/shared';
import { SharedFile } from '../../src/node/focus/sharedFile';
import { Commands, EXTENSION_ID, Views } from '../../src/shared/ids';
import { waitFor } from './waitFor';

describe('the Focus view in a real VS Code', () => {
  let api: CadenceApi;
  const row = async (id: string) => (await api.focusView()).find((r) => r.id === id)!;

  before(async () => {
    api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    await api.focus.settled();
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
  });

  it('is a view of the Cadence container that shows the running block, then today’s blocks', async () => {
    // VS Code registers "<view id>.focus" for every contributed view: the view exists and opens.
    await vscode.commands.executeCommand(`${Views.focus}.focus`);
    assert.equal((await row('now')).command, Commands.focusStart);
    const before = (await row('today')).children?.length ?? 0;

    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await waitFor(async () => (await row('now')).label === 'Focus block', 'the running block in the view');
    const running = await row('now');
    assert.match(running.accessibleLabel, /^Focus block, 2[45] minutes left, ends at .+$/);
    assert.equal(running.command, Commands.focusActions);

    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    await waitFor(async () => (await row('now')).command === Commands.focusStart, 'the idle row again');
    const today = await row('today');
    assert.equal(today.children?.length, before + 1);
    assert.match(today.children!.at(-1)!.accessibleLabel, /stopped early$/);
  });

  it('keeps asking in the status bar until the end-of-block notice is answered', async () => {
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 1, ask: false });
    // Another window moves the end close (as the focus tests do).
    const store = new SharedFile<SharedFocus>({
      file: api.focus.stateFile,
      parse: parseShared,
      serialize: serializeShared,
    });
    await store.update((current) => ({
      ...current,
      seq: current.seq + 1,
      timer: { ...current.timer, endsAt: Date.now() + 1500, revision: current.timer.revision + 1 },
    }));
    await waitFor(() => /Block done/.test(api.focus.endPrompt()), 'the status-bar prompt after the block ended', 8000);
    // The toast may hide itself; the prompt stays while nobody answered.
    assert.equal((await api.focus.read()).timer.phase, 'idle');
    assert.match(api.focus.endPrompt(), /Block done/);
    // Starting the next block answers it.
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await waitFor(() => api.focus.endPrompt() === '', 'the prompt to go once a block runs');
  });
});

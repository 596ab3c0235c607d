import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import {
  HOOKS_GRACE_MS,
  LEADER_TTL_MS,
  parseShared,
  serializeShared,
  type SharedFocus,
} from '../../src/core/focus/shared';
import { parseFocusHistory } from '../../src/core/focus/history';
import { SharedFile } from '../../src/node/focus/sharedFile';
import { Commands, EXTENSION_ID, FOCUS_HISTORY_VIEW } from '../../src/shared/ids';
import { waitFor } from './waitFor';

const MIN = 60_000;

/** Commands the hook tests put in cadence.focus.onStart/onEnd: they count their runs. */
const HOOK_START = 'cadenceTest.focusHook.start';
const HOOK_END = 'cadenceTest.focusHook.end';
const hookCounts = { start: 0, end: 0 };

describe('focus blocks in a real VS Code', () => {
  let api: CadenceApi;
  const hookCommands: vscode.Disposable[] = [];
  const config = () => vscode.workspace.getConfiguration('cadence.focus');
  const state = () => api.focus.read();
  const history = () =>
    fs.existsSync(api.focus.historyFile) ? parseFocusHistory(fs.readFileSync(api.focus.historyFile, 'utf8')) : [];

  /** Changes the shared record the way another window would: under the store's lock. */
  async function asOtherWindow(change: (current: SharedFocus) => SharedFocus): Promise<void> {
    const store = new SharedFile<SharedFocus>({
      file: api.focus.stateFile,
      parse: parseShared,
      serialize: serializeShared,
    });
    await store.update((current) => {
      const changed = change(current);
      return { ...changed, seq: current.seq + 1, timer: { ...changed.timer, revision: current.timer.revision + 1 } };
    });
  }
  const dueIn = (ms: number) => (current: SharedFocus) => ({
    ...current,
    timer: { ...current.timer, endsAt: Date.now() + ms },
  });

  async function reset(): Promise<void> {
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    for (const key of ['doNotDisturb', 'schedule', 'autoStart', 'autoStartScheduled', 'onStart', 'onEnd'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  }

  before(async () => {
    hookCommands.push(
      vscode.commands.registerCommand(HOOK_START, () => hookCounts.start++),
      vscode.commands.registerCommand(HOOK_END, () => hookCounts.end++),
    );
    const extension = vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!;
    api = await extension.activate();
    console.log(`      activate() took ${api.activationMs.toFixed(1)} ms with focus blocks registered`);
    await api.focus.settled();
    await reset();
  });

  afterEach(reset);
  after(() => {
    for (const disposable of hookCommands) disposable.dispose();
  });

  it('start, pause, resume, extend and stop through the commands, rendered in the status bar', async () => {
    const before = history().length;
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    const started = await state();
    assert.equal(started.timer.phase, 'focus');
    assert.equal(started.timer.block?.plannedMinutes, 25);
    await waitFor(() => /^\$\(watch\) 2[45]m$/.test(api.focus.statusText()), 'the countdown in the status bar');

    await vscode.commands.executeCommand(Commands.focusPause);
    assert.equal((await state()).timer.phase, 'paused');
    await waitFor(() => / paused$/.test(api.focus.statusText()), 'the paused status text');

    await vscode.commands.executeCommand(Commands.focusResume);
    await vscode.commands.executeCommand(Commands.focusExtend, 5);
    const extended = await state();
    assert.equal(extended.timer.phase, 'focus');
    assert.equal(extended.timer.block?.plannedMinutes, 30);
    assert.ok(extended.timer.endsAt! - Date.now() > 29 * MIN);

    await vscode.commands.executeCommand(Commands.focusStop);
    assert.equal((await state()).timer.phase, 'idle');
    await waitFor(() => api.focus.statusText() === '$(watch) Focus', 'the idle status text');
    await api.focus.settled();
    const records = history();
    assert.equal(records.length, before + 1);
    const record = records.at(-1)!;
    assert.equal(record.completed, false);
    assert.equal(record.plannedMinutes, 30);
    // The sample workspace is a git repository: the branch is recorded at both ends.
    assert.equal(typeof record.branchAtStart, 'string');
    assert.equal(record.branchAtEnd, record.branchAtStart);
    assert.ok(Array.isArray(record.commits));
  });

  it('state survives deactivating and re-activating: the block ends when it was going to', async () => {
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 50, ask: false });
    const { endsAt, block } = (await state()).timer;
    const firstWindow = api.focus.windowId();
    assert.equal((await state()).leader?.windowId, firstWindow);
    await api.focus.restart();
    assert.notEqual(api.focus.windowId(), firstWindow);
    // The closing window gave up leadership: no waiting for its heartbeat to go stale.
    assert.notEqual((await state()).leader?.windowId, firstWindow);
    await waitFor(() => /^\$\(watch\) (49|50)m$/.test(api.focus.statusText()), 'the restored countdown');
    const restored = await state();
    assert.equal(restored.timer.endsAt, endsAt);
    assert.equal(restored.timer.block?.id, block?.id);
  });

  it('the leader ends a block on time and records it as completed', async () => {
    const before = history().length;
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 1, ask: false });
    // Another window moves the end close.
    await asOtherWindow(dueIn(1500));
    await waitFor(async () => (await state()).timer.phase === 'idle', 'the block to end by itself', 8000);
    await waitFor(() => history().length === before + 1, 'the completed block in the history file');
    assert.equal(history().at(-1)!.completed, true);
    assert.equal(api.focus.statusText(), '$(watch) Focus');
    // Nothing starts by itself: no break, no next block (auto-start is off by default).
    await api.focus.settled();
    assert.equal((await state()).timer.phase, 'idle');
  });

  it('with auto-start on, the break follows the block and the next block follows the break', async () => {
    await config().update('autoStart', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 1, ask: false });
    const first = (await state()).timer.block!.id;
    await asOtherWindow(dueIn(1000));
    await waitFor(async () => (await state()).timer.phase === 'break', 'the break to start by itself', 8000);
    // The window renders from the shared file; under load its render may trail the write a little.
    await waitFor(() => /^\$\(coffee\) Break/.test(api.focus.statusText()), 'the status bar to show the break', 5000);
    await asOtherWindow(dueIn(1000));
    const next = await waitFor(
      async () => {
        const s = await state();
        return s.timer.phase === 'focus' ? s : undefined;
      },
      'the next block to start by itself',
      8000,
    );
    assert.notEqual(next.timer.block!.id, first);
    assert.equal(next.timer.block!.plannedMinutes, 50);
  });

  it('only the leader ends a block; when it goes quiet, this window takes over', async () => {
    const before = history().length;
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 1, ask: false });
    // Another, focused window leads and has just beaten; the block is due in a moment.
    const beat = Date.now();
    await asOtherWindow((current) => ({
      ...current,
      leader: { windowId: 'other-window', heartbeatAt: beat, focused: true },
      timer: { ...current.timer, endsAt: beat + 1000 },
    }));
    // This window leaves the end to the other leader while its lease runs, then takes over.
    const ended = await waitFor(
      async () => {
        const s = await state();
        return s.timer.phase === 'idle' ? s : undefined;
      },
      'this window to take over and end the block',
      15_000,
    );
    assert.ok(Date.now() - beat >= LEADER_TTL_MS, `ended ${Date.now() - beat} ms after the other leader's last beat`);
    assert.equal(ended.leader?.windowId, api.focus.windowId());
    await waitFor(() => history().length === before + 1, 'one history record');
    // Late, but recorded as ending when it was due.
    assert.equal(history().at(-1)!.endedAt, beat + 1000);
  });

  it('Do Not Disturb: turned on for the block, restored once when it stops, and after a crash', async () => {
    await config().update('doNotDisturb', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await api.focus.settled();
    const blockId = (await state()).timer.block!.id;
    const applied = (await state()).journal.find((e) => e.blockId === blockId);
    assert.ok(applied, 'the DND effect is journaled');
    assert.equal(applied.kind, 'doNotDisturb');
    assert.equal(applied.undoneAt, undefined);

    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    const undone = (await state()).journal.find((e) => e.id === applied.id)!;
    assert.ok(undone.undoneAt, 'restored when the block stopped');
    assert.equal(undone.undoneBy, api.focus.windowId());

    // A window that crashed mid-block left two effects behind (toggled twice = back to the user's
    // state); the next activation undoes each exactly once.
    const orphan = (id: string) => ({
      id,
      kind: 'doNotDisturb' as const,
      blockId: 'gone',
      appliedAt: Date.now() - 1000,
      appliedBy: 'crashed',
    });
    await asOtherWindow((current) => ({ ...current, journal: [...current.journal, orphan('o1'), orphan('o2')] }));
    await api.focus.restart();
    await api.focus.settled();
    const recovered = (await state()).journal.filter((e) => e.appliedBy === 'crashed');
    assert.deepEqual(
      recovered.map((e) => e.undoneBy),
      [api.focus.windowId(), api.focus.windowId()],
    );
  });

  it('hooks run on start and a failing one never blocks the timer', async () => {
    await config().update('onStart', ['cadence.no.such.command', HOOK_START], vscode.ConfigurationTarget.Global);
    const before = hookCounts.start;
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await api.focus.settled();
    assert.equal((await state()).timer.phase, 'focus');
    assert.equal(hookCounts.start, before + 1, 'the working hook after the failing one ran once');
  });

  it('end hooks run once, in the window that ran the start hooks', async () => {
    await config().update('onStart', [HOOK_START], vscode.ConfigurationTarget.Global);
    await config().update('onEnd', [HOOK_END], vscode.ConfigurationTarget.Global);
    const start = hookCounts.start;
    const end = hookCounts.end;
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await api.focus.settled();
    const blockId = (await state()).timer.block!.id;
    const journaled = (await state()).journal.find((e) => e.kind === 'hooks' && e.blockId === blockId);
    assert.equal(journaled?.appliedBy, api.focus.windowId());
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    assert.deepEqual([hookCounts.start - start, hookCounts.end - end], [1, 1]);
    const done = (await state()).journal.find((e) => e.id === journaled!.id)!;
    assert.equal(done.undoneBy, api.focus.windowId());
  });

  it('end hooks of a block whose starting window is gone run in the leader, once, after a grace period', async () => {
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await api.focus.settled();
    await config().update('onEnd', [HOOK_END], vscode.ConfigurationTarget.Global);
    const end = hookCounts.end;
    // The start hooks ran in another window, which has closed since.
    await asOtherWindow((current) => ({
      ...current,
      journal: [
        ...current.journal,
        {
          id: `${current.timer.block!.id}:hooks`,
          kind: 'hooks' as const,
          blockId: current.timer.block!.id,
          appliedAt: Date.now(),
          appliedBy: 'closed-window',
        },
      ],
    }));
    const stoppedAt = Date.now();
    await vscode.commands.executeCommand(Commands.focusStop);
    await waitFor(() => hookCounts.end === end + 1, 'the leader to run the end hooks', 10_000);
    assert.ok(Date.now() - stoppedAt >= HOOKS_GRACE_MS, 'the starting window had its grace period first');
    await api.focus.settled();
    assert.equal(hookCounts.end, end + 1);
  });

  it('a stale click (a tooltip drawn for an ended block) does not act on the next block', async () => {
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    const first = (await state()).timer.block!.id;
    await vscode.commands.executeCommand(Commands.focusStop);
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 50, ask: false });
    const running = await state();
    const stale = { expect: { phase: 'focus', blockId: first } };
    await vscode.commands.executeCommand(Commands.focusStop, stale);
    await vscode.commands.executeCommand(Commands.focusPause, stale);
    await vscode.commands.executeCommand(Commands.focusExtend, 15, stale);
    const after = await state();
    assert.equal(after.timer.phase, 'focus');
    assert.equal(after.timer.revision, running.timer.revision);
    assert.equal(after.timer.block?.plannedMinutes, 50);
    // The same link drawn for the running block works.
    await vscode.commands.executeCommand(Commands.focusPause, {
      expect: { phase: 'focus', blockId: after.timer.block!.id },
    });
    assert.equal((await state()).timer.phase, 'paused');
  });

  it('a block ended by a window that crashed before recording it is recorded by the next window', async () => {
    const id = `crashed-${Date.now()}`;
    const endedAt = Date.now() - 60_000;
    await asOtherWindow((current) => ({
      ...current,
      pendingHistory: [
        { id, startedAt: endedAt - 25 * MIN, endedAt, plannedMinutes: 25, actualMinutes: 25, completed: true },
      ],
    }));
    await api.focus.restart();
    await api.focus.settled();
    await waitFor(() => history().some((r) => r.id === id), 'the pending record in the history file');
    assert.deepEqual((await state()).pendingHistory ?? [], []);
  });

  it('a storage failure is reported, not thrown: the command resolves and nothing changes', async () => {
    await api.focus.settled();
    const file = api.focus.stateFile;
    const saved = fs.readFileSync(file);
    // The state file's place is taken by a folder: every read and write fails (EISDIR).
    fs.rmSync(file);
    fs.mkdirSync(path.join(file, 'blocked'), { recursive: true });
    try {
      await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
      await vscode.commands.executeCommand(Commands.focusStop);
      await api.focus.settled();
    } finally {
      fs.rmSync(file, { recursive: true, force: true });
      fs.writeFileSync(file, saved);
    }
    assert.equal((await state()).timer.phase, 'idle');
  });

  it('a reset state file (seq from 1 again) is taken, not ignored as older', async () => {
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await waitFor(() => /^\$\(watch\) 2[45]m$/.test(api.focus.statusText()), 'the countdown');
    // Someone deletes the file; a fresh record starts at seq 1.
    fs.rmSync(api.focus.stateFile);
    await new SharedFile<SharedFocus>({
      file: api.focus.stateFile,
      parse: parseShared,
      serialize: serializeShared,
    }).update((current) => ({ ...current, seq: current.seq + 1 }));
    await waitFor(() => api.focus.statusText() === '$(watch) Focus', 'the idle status after the reset', 5000);
  });

  it('a scheduled window auto-starts a block sized to what is left of it, when asked to', async function () {
    const now = new Date();
    const minutesNow = now.getHours() * 60 + now.getMinutes();
    if (minutesNow < 2 || minutesNow > 23 * 60) this.skip(); // keep the window inside one day
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    await config().update('autoStartScheduled', true, vscode.ConfigurationTarget.Global);
    await config().update(
      'schedule',
      [{ days: 'Daily', start: hhmm(minutesNow - 1), end: hhmm(Math.min(minutesNow + 40, 24 * 60 - 1)) }],
      vscode.ConfigurationTarget.Global,
    );
    const started = await waitFor(async () => {
      const s = await state();
      return s.timer.phase === 'focus' ? s : undefined;
    }, 'the scheduled block to start');
    assert.ok(started.timer.block!.plannedMinutes >= 5 && started.timer.block!.plannedMinutes <= 40);
  });

  it('Show Focus History opens a webview with this week', async () => {
    await vscode.commands.executeCommand(Commands.focusShowHistory);
    await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find(
            (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(FOCUS_HISTORY_VIEW),
          ),
      'the Focus History tab',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
  it('the default keybindings for start and stop clash with no other default keybinding', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const document = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.getText().includes('"key"') && vscode.window.activeTextEditor.document,
      'the default keybindings file',
    );
    // The file is JSON with comments: pick each { "key": ..., "command": ... } entry.
    const entries = [...document.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({
      key: m[1]!,
      command: m[2]!,
    }));
    assert.ok(entries.length > 100, `only ${entries.length} keybindings found`);
    // Ours are listed too, in the same spelling (so the comparison below is meaningful).
    assert.ok(entries.some((e) => e.command === Commands.focusStart && e.key === 'ctrl+alt+p'));
    assert.ok(entries.some((e) => e.command === Commands.focusStop && e.key === 'ctrl+shift+alt+p'));
    for (const key of ['ctrl+alt+p', 'ctrl+shift+alt+p']) {
      const others = entries.filter((e) => e.key === key && !e.command.startsWith('cadence.'));
      assert.deepEqual(others, [], key);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

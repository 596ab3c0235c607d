import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { Commands, Views } from '../../shared/ids';
import { type ChecklistEntry, checklist, runAction, showChecklist } from './checklist';
import { DutyState } from './dutyState';
import { GuidesTreeProvider } from './guidesTree';
import { snapshotOf, type TreeSnapshot } from '../docs/registerDocs';

/** What the duty feature exposes to the integration tests. */
export interface DutyApi {
  whenReady(): Promise<void>;
  refresh(): Promise<void>;
  guides(): Promise<TreeSnapshot[]>;
  /** The Guides view's message ("Docs duty this week: Ada", and a shallow clone's note). */
  message(): string | undefined;
  checklist(): ChecklistEntry[];
  run(entry: ChecklistEntry, action: ChecklistEntry['actions'][number]): Promise<void>;
}

/**
 * Documentation duty in the editor: the Guides view (with ages) in the Cadence container, whose
 * message says whose turn it is, a status-bar entry for the person on duty, and "Cadence:
 * Documentation Duty", the checklist. Nothing is read until the Guides view or the command asks.
 */
export function registerDuty(
  context: vscode.ExtensionContext,
  deps: { log: vscode.LogOutputChannel; clock?: Clock },
): DutyApi {
  const clock = deps.clock ?? { now: () => Date.now() };
  const state = new DutyState(clock, deps.log);
  const guides = new GuidesTreeProvider(state, () => clock.now());
  const view = vscode.window.createTreeView(Views.guides, { treeDataProvider: guides });
  const status = vscode.window.createStatusBarItem('cadence.duty', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Cadence Documentation Duty';
  status.command = Commands.dutyShow;
  const render = (): void => {
    view.message = state.message();
    guides.refresh();
    if (state.mine) {
      const count = state.reports.reduce((n, r) => n + r.items.length, 0);
      status.text = `$(book) Docs duty: ${count}`;
      status.tooltip = `${state.headline()} — ${count} item${count === 1 ? '' : 's'}: Cadence: Documentation Duty`;
      status.show();
    } else status.hide();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    state,
    guides,
    view,
    status,
    state.onDidChange(render),
    vscode.commands.registerCommand(Commands.dutyShow, () => showChecklist(state)),
    vscode.commands.registerCommand(Commands.dutyRefresh, () => state.refresh()),
    vscode.workspace.onDidSaveTextDocument((document) => {
      // A saved doc may close an item: reload, coalescing bursts of saves.
      if (document.languageId !== 'markdown') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void state.refresh(), 500);
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  // Ask whether it is the user's turn soon after start, off the activation path.
  setTimeout(() => void state.whenReady(), 2000);
  return {
    whenReady: () => state.whenReady(),
    refresh: () => state.refresh(),
    guides: () => snapshotOf(guides),
    message: () => view.message,
    checklist: () => checklist(state),
    run: (entry, action) => runAction(state, entry, action),
  };
}

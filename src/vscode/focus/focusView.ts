// The sidebar's Focus view (first in the Cadence container): what runs now or how to start, the
// schedule's next block, today's blocks. Rows come from core/focus/focusView.ts; this file renders
// them and refreshes on every timer change (no ticking: rows show end times, not countdowns).
import * as vscode from 'vscode';
import { focusViewRows, type FocusRow } from '../../core/focus/focusView';
import type { ScheduledWindow } from '../../core/focus/schedule';
import type { FocusState } from '../../core/focus/timer';
import { readFocusHistory } from '../../node/focus/historyFile';
import { Views } from '../../shared/ids';
import { readFocusSettings } from './settings';

export interface FocusViewSource {
  historyFile: string;
  timer(): FocusState;
  onDidChange: vscode.Event<FocusState>;
  nextScheduled(): ScheduledWindow | undefined;
}

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export class FocusViewProvider implements vscode.TreeDataProvider<FocusRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;

  constructor(
    private readonly source: FocusViewSource,
    private readonly now: () => number = Date.now,
  ) {
    this.listening = source.onDidChange(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  async rows(): Promise<FocusRow[]> {
    const now = this.now();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    const history = await readFocusHistory(this.source.historyFile).catch(() => []);
    return focusViewRows({
      timer: this.source.timer(),
      now,
      blockMinutes: readFocusSettings().blockMinutes,
      next: this.source.nextScheduled(),
      today: history.filter((record) => record.endedAt >= midnight && record.startedAt <= now),
      time,
      when,
    });
  }

  async getChildren(element?: FocusRow): Promise<FocusRow[]> {
    return element ? (element.children ?? []) : this.rows();
  }

  getTreeItem(row: FocusRow): vscode.TreeItem {
    const item = new vscode.TreeItem(
      row.label,
      row.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = row.id;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.accessibilityInformation = { label: row.accessibleLabel };
    item.tooltip = row.accessibleLabel;
    if (row.command) item.command = { command: row.command, title: row.label, arguments: row.commandArgs };
    return item;
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}

/** Registers the Focus view; returns its provider (tests read its rows). */
export function registerFocusView(context: vscode.ExtensionContext, source: FocusViewSource): FocusViewProvider {
  const provider = new FocusViewProvider(source);
  const view = vscode.window.createTreeView(Views.focus, { treeDataProvider: provider });
  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility((event) => event.visible && provider.refresh()),
    vscode.workspace.onDidChangeConfiguration(
      (event) => event.affectsConfiguration('cadence.focus') && provider.refresh(),
    ),
  );
  return provider;
}

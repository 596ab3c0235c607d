import * as vscode from 'vscode';
import { ago, type GuideView } from '../../core/docs/duty';
import type { DutyState } from './dutyState';

/** The Guides view: onboarding and operating guides with their age; stale ones marked. */
export class GuidesTreeProvider implements vscode.TreeDataProvider<GuideView>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly state: DutyState,
    private readonly now: () => number,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: GuideView): Promise<GuideView[]> {
    if (element) return [];
    await this.state.whenReady();
    return this.state.reports.flatMap((r) => r.guides);
  }

  getTreeItem(guide: GuideView): vscode.TreeItem {
    const item = new vscode.TreeItem(guide.relative, vscode.TreeItemCollapsibleState.None);
    const age = guide.lastChange !== undefined ? `changed ${ago(guide.lastChange, this.now())}` : 'not committed';
    item.description = guide.stale ? `stale: ${age}` : age;
    item.tooltip = `${guide.relative}\n${guide.stale ? 'Untouched for months: read it as a newcomer would.' : age}`;
    item.iconPath = new vscode.ThemeIcon(guide.stale ? 'warning' : 'book');
    item.contextValue = 'cadence.guide';
    item.resourceUri = vscode.Uri.file(guide.path);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(guide.path)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

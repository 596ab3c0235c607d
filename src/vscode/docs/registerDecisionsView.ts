import * as vscode from 'vscode';
import { Views } from '../../shared/ids';

/**
 * The Decisions view. Until the decision-record index lands it holds no items, which is what makes
 * VS Code show the view's welcome content (package.json `viewsWelcome`).
 */
export function registerDecisionsView(context: vscode.ExtensionContext): void {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (element) => element,
    getChildren: () => [],
  };
  context.subscriptions.push(vscode.window.createTreeView(Views.decisions, { treeDataProvider: provider }));
}

import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { Views } from '../../shared/ids';
import { registerDocsCommands } from './commands';
import { type DecisionNode, DecisionsTreeProvider, ProblemDecorations } from './decisionsTree';
import { DocsService } from './docsService';
import { registerLanguageClient } from './languageClient';
import { type RunbookNode, RunbooksTreeProvider } from './runbooksTree';
import { registerRunbookSort } from './runbookSort';
import { LastEdit } from './lastEdit';

/** A tree item as the tests see it: what the user reads, and its children. */
export interface TreeSnapshot {
  label: string;
  description?: string;
  /** The tooltip's text (Markdown source for a MarkdownString). */
  tooltip?: string;
  contextValue?: string;
  /** 0 none, 1 collapsed, 2 expanded (vscode.TreeItemCollapsibleState). */
  collapsibleState?: number;
  children: TreeSnapshot[];
}

/** What the docs feature exposes through the extension API (read by the integration tests). */
export interface DocsApi {
  /** Resolves when the index has loaded (and after any reload under way). */
  whenReady(): Promise<void>;
  /** The Decisions or Runbooks tree, read through the same provider VS Code renders. */
  snapshot(view: 'decisions' | 'runbooks'): Promise<TreeSnapshot[]>;
  /** Fires after the index and trees changed. */
  onDidChange: vscode.Event<void>;
  /** Fires when Decisions or Runbooks is shown (at once if one is already visible). */
  onDidShow(listener: () => void): vscode.Disposable;
}

export async function snapshotOf<T>(provider: vscode.TreeDataProvider<T>, element?: T): Promise<TreeSnapshot[]> {
  const children = (await provider.getChildren(element)) ?? [];
  const out: TreeSnapshot[] = [];
  for (const child of children) {
    const item = await provider.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    out.push({
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
      contextValue: item.contextValue,
      collapsibleState: item.collapsibleState,
      children: await snapshotOf(provider, child),
    });
  }
  return out;
}

/**
 * Decision records and runbooks: the index service, the two sidebar trees, problem decorations
 * and the docs commands. Nothing is read during activation; the first scan runs right after.
 */
export function registerDocs(
  context: vscode.ExtensionContext,
  deps: { log: vscode.LogOutputChannel; clock?: Clock },
): DocsApi {
  const service = new DocsService(deps.log, deps.clock ?? { now: () => Date.now() });
  const decisions = new DecisionsTreeProvider(service);
  const runbooks = new RunbooksTreeProvider(service);
  const decorations = new ProblemDecorations(service);
  const decisionsView = vscode.window.createTreeView<DecisionNode>(Views.decisions, {
    treeDataProvider: decisions,
    showCollapseAll: true,
  });
  const runbooksView = vscode.window.createTreeView<RunbookNode>(Views.runbooks, {
    treeDataProvider: runbooks,
    showCollapseAll: true,
  });
  const changed = new vscode.EventEmitter<void>();
  // After an edit, the row where the changed file is listed once the index has it (a new record's
  // row appears, a status change moves the row to another group).
  const revealChanged = async (uri: vscode.Uri): Promise<void> => {
    await nextChange(service, 3000);
    const decision = decisions.nodeFor(uri.path);
    if (decision) return decisionsView.reveal(decision, { select: true, focus: false, expand: true });
    const runbook = runbooks.nodeFor(uri.path);
    if (runbook) return runbooksView.reveal(runbook, { select: true, focus: false, expand: true });
  };
  const lastEdit = new LastEdit(deps.log, revealChanged);
  context.subscriptions.push(
    service,
    decisions,
    runbooks,
    decorations,
    changed,
    decisionsView,
    runbooksView,
    vscode.window.registerFileDecorationProvider(decorations),
    service.onDidChange(() => {
      decisions.refresh();
      runbooks.refresh();
      decorations.refresh();
      changed.fire();
    }),
    lastEdit,
    ...registerDocsCommands({ service, decisions, runbooks, decisionsView, runbooksView, log: deps.log, lastEdit }),
    registerLanguageClient(context, deps.log),
    registerRunbookSort(),
  );
  service.start();
  return {
    whenReady: () => service.whenReady(),
    snapshot: (view) => (view === 'decisions' ? snapshotOf(decisions) : snapshotOf(runbooks)),
    onDidChange: changed.event,
    onDidShow(listener) {
      if (decisionsView.visible || runbooksView.visible) listener();
      const shown = (event: vscode.TreeViewVisibilityChangeEvent) => event.visible && listener();
      return vscode.Disposable.from(
        decisionsView.onDidChangeVisibility(shown),
        runbooksView.onDidChangeVisibility(shown),
      );
    },
  };
}

/** Resolves at the index's next change, or after `ms` when none comes (the file was already current). */
function nextChange(service: DocsService, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const subscription = service.onDidChange(done);
    const timer = setTimeout(done, ms);
  });
}

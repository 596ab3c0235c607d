import * as vscode from 'vscode';
import { type DocsCommandDeps, activePath, pathOf } from './commandSupport';
import { parseFilter } from './decisionsTree';

/** Cadence: Filter Decision Records — words, tag:NAME, status:STATUS, given or asked for. */
export async function filterDecisions(deps: DocsCommandDeps, raw?: string): Promise<void> {
  const value =
    raw ??
    (await vscode.window.showInputBox({
      prompt: 'Filter decision records: words, tag:NAME, status:STATUS',
      value: deps.decisions.filter?.raw ?? '',
    }));
  if (value !== undefined) setFilter(deps, value);
}

/** Cadence: Clear Filter. */
export function clearFilter(deps: DocsCommandDeps): void {
  setFilter(deps, undefined);
}

function setFilter({ decisions, decisionsView }: DocsCommandDeps, raw: string | undefined): void {
  decisions.filter = raw ? parseFilter(raw) : undefined;
  decisionsView.message = decisions.filter ? `Filtered: ${decisions.filter.raw}` : undefined;
  void vscode.commands.executeCommand('setContext', 'cadence.docs.filtered', decisions.filter !== undefined);
  decisions.refresh();
}

/** Cadence: Toggle Grouping — the Decisions tree by status or by number. */
export function toggleGrouping({ decisions }: DocsCommandDeps): void {
  decisions.grouping = decisions.grouping === 'status' ? 'number' : 'status';
  decisions.refresh();
}

/** Cadence: Reveal in Sidebar — the record or runbook the argument or active editor names. */
export async function reveal(deps: DocsCommandDeps, arg?: unknown): Promise<boolean> {
  const { service, decisions, runbooks } = deps;
  await service.whenReady();
  const path = pathOf(arg) ?? activePath();
  if (!path) return false;
  const decisionNode = decisions.nodeFor(path);
  if (decisionNode) {
    await deps.decisionsView.reveal(decisionNode, { select: true, focus: true, expand: true });
    return true;
  }
  const runbookNode = runbooks.nodeFor(path);
  if (runbookNode) {
    await deps.runbooksView.reveal(runbookNode, { select: true, focus: true, expand: true });
    return true;
  }
  void vscode.window.showInformationMessage('The active file is not a decision record or runbook Cadence knows.');
  return false;
}

/** Opens a record or runbook from the tree (a preview editor). */
export async function openRecord({ service }: DocsCommandDeps, arg?: unknown): Promise<void> {
  const path = pathOf(arg);
  if (path) await vscode.window.showTextDocument(service.uri(path), { preview: true });
}

/** Cadence: Refresh — rediscovers the folders and rereads every record and runbook. */
export function refreshDocs({ service }: DocsCommandDeps): Promise<void> {
  return service.reload();
}

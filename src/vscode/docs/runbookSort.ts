import * as vscode from 'vscode';
import { RUNBOOK_SORTS, type RunbookSort } from '../../core/docs/runbookGroups';
import { Commands } from '../../shared/ids';
import { readDocsSettings } from './settings';

const CHOICES: Record<RunbookSort, { label: string; detail: string }> = {
  title: { label: 'By title', detail: 'A to Z within each group' },
  staleFirst: { label: 'Stale first', detail: 'Runbooks overdue for review on top, then by title' },
  dueDate: { label: 'By review due date', detail: 'The earliest due first; runbooks without a date last' },
};

/**
 * "Sort Runbooks…" in the Runbooks view's title bar: picks `cadence.docs.runbookSort` (a user
 * setting; the tree re-sorts when it changes). An argument (`'staleFirst'`) skips the pick.
 */
export function registerRunbookSort(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.docsSortRunbooks, async (arg?: unknown) => {
    const current = readDocsSettings().runbookSort;
    let sort = RUNBOOK_SORTS.find((s) => s === arg);
    if (!sort) {
      const picked = await vscode.window.showQuickPick(
        RUNBOOK_SORTS.map((value) => ({
          ...CHOICES[value],
          description: value === current ? 'current' : undefined,
          value,
        })),
        { placeHolder: 'Sort the runbooks in each group' },
      );
      sort = picked?.value;
    }
    if (!sort || sort === current) return;
    await vscode.workspace
      .getConfiguration('cadence.docs')
      .update('runbookSort', sort === 'title' ? undefined : sort, vscode.ConfigurationTarget.Global);
  });
}

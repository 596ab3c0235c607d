import * as vscode from 'vscode';
import { statusDisplay } from '../../core/docs/status';
import { decisionLabel } from './decisionsTree';
import type { DocsService } from './docsService';

export interface RecordItem extends vscode.QuickPickItem {
  path?: string;
}

/** The decision records (and, when asked, the runbooks) as pick items: "0043 Use X", status beside. */
export function recordItems(
  service: DocsService,
  options: { runbooks?: boolean; exclude?: string } = {},
): RecordItem[] {
  const decisions = service.index
    .decisions()
    .filter((d) => d.path !== options.exclude)
    .map((d) => ({ label: decisionLabel(d), description: statusDisplay(d.statusText), path: d.path }));
  const runbooks = options.runbooks
    ? service.index
        .runbooks()
        .filter((r) => r.path !== options.exclude)
        .map((r) => ({ label: r.title, description: r.service ? `runbook · ${r.service}` : 'runbook', path: r.path }))
    : [];
  return [...decisions, ...runbooks];
}

/**
 * A pick of records with one preselected (the active editor's record): Enter takes it, typing
 * filters by number or title. `first` items (e.g. "New decision record…") come before the records.
 */
export function pickRecord(
  items: RecordItem[],
  options: { placeHolder: string; title?: string; preselect?: string; first?: RecordItem[] },
): Promise<RecordItem | undefined> {
  const pick = vscode.window.createQuickPick<RecordItem>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = true;
  const chosen = items.find((i) => i.path !== undefined && i.path === options.preselect);
  // The preselected record first, so Enter takes it and it is seen without scrolling.
  pick.items = [...(options.first ?? []), ...(chosen ? [chosen] : []), ...items.filter((i) => i !== chosen)];
  if (chosen) pick.activeItems = [chosen];
  return new Promise((resolve) => {
    let result: RecordItem | undefined;
    pick.onDidAccept(() => {
      result = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

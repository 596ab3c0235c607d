import * as vscode from 'vscode';
import type { DutyItem } from '../../core/docs/duty';
import { relativePath } from '../../core/docs/paths';
import { Commands } from '../../shared/ids';
import type { DutyState } from './dutyState';

/** One checklist entry: what the user reads and the actions it offers. */
export interface ChecklistEntry {
  item: DutyItem;
  label: string;
  detail: string;
  actions: ('open' | 'fixPath' | 'markReviewed' | 'changeStatus')[];
}

const ICONS: Record<DutyItem['kind'], string> = {
  'broken-path': '$(link-external)',
  drift: '$(git-compare)',
  'stale-runbook': '$(history)',
  'missing-section': '$(list-unordered)',
  'proposed-stale': '$(question)',
  problem: '$(warning)',
  'guide-stale': '$(book)',
};

/** The duty items of every folder as checklist entries, with the action each offers. */
export function checklist(state: DutyState): ChecklistEntry[] {
  return state.reports.flatMap((report) =>
    report.items.map((item) => {
      const where = `${relativePath(report.folder, item.path)}${item.line !== undefined ? `:${item.line + 1}` : ''}`;
      const actions: ChecklistEntry['actions'] = ['open'];
      if (item.kind === 'broken-path' && item.renamedTo) actions.push('fixPath');
      if (item.kind === 'stale-runbook') actions.push('markReviewed');
      if (item.kind === 'proposed-stale') actions.push('changeStatus');
      return { item, label: `${ICONS[item.kind]} ${where}`, detail: item.message, actions };
    }),
  );
}

const BUTTONS = {
  fixPath: { iconPath: new vscode.ThemeIcon('wand'), tooltip: 'Fix the path' },
  markReviewed: { iconPath: new vscode.ThemeIcon('check'), tooltip: 'Mark reviewed' },
  changeStatus: { iconPath: new vscode.ThemeIcon('tag'), tooltip: 'Change status' },
} as const;

/** Opens the doc at the item's line. */
export async function openAt(item: DutyItem): Promise<vscode.TextEditor> {
  const line = item.line ?? 0;
  const range = new vscode.Range(line, item.start ?? 0, line, item.end ?? item.start ?? 0);
  return vscode.window.showTextDocument(vscode.Uri.file(item.path), { selection: range, preview: false });
}

/** Replaces a broken reference with the path git saw it renamed to, as one undoable edit, and saves. */
export async function fixPath(item: DutyItem, root: string): Promise<boolean> {
  if (!item.renamedTo || item.line === undefined || item.start === undefined || item.end === undefined) return false;
  const { replacementFor } = await import('../../core/docs/pathRefs');
  const uri = vscode.Uri.file(item.path);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(item.line, item.start, item.line, item.end);
  const written = document.getText(range);
  const ref = {
    line: item.line,
    start: item.start,
    end: item.end,
    written,
    path: item.target ?? written,
    kind: item.code === 'broken-link' ? ('link' as const) : ('code' as const),
  };
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, replacementFor(ref, item.renamedTo, relativePath(root, item.path)));
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  return document.save();
}

/** Runs one action of an entry; the state is refreshed after an edit. */
export async function runAction(
  state: DutyState,
  entry: ChecklistEntry,
  action: ChecklistEntry['actions'][number],
): Promise<void> {
  const uri = vscode.Uri.file(entry.item.path);
  const root = state.reports.find((r) => entry.item.path.startsWith(`${r.folder}/`))?.root ?? '';
  if (action === 'open') await openAt(entry.item);
  else if (action === 'fixPath') await fixPath(entry.item, root);
  else if (action === 'markReviewed') await vscode.commands.executeCommand(Commands.docsMarkReviewed, uri);
  else await vscode.commands.executeCommand(Commands.docsChangeStatus, uri);
  if (action !== 'open') await state.refresh();
}

/** "Cadence: Documentation Duty": the checklist in a quick pick; buttons run the other actions. */
export async function showChecklist(state: DutyState): Promise<void> {
  await state.whenReady();
  const entries = checklist(state);
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { entry: ChecklistEntry }>();
  pick.title = `${state.headline() ?? 'Documentation duty'} · ${entries.length} item${entries.length === 1 ? '' : 's'}`;
  pick.placeholder = 'Enter opens the doc at the line; the buttons fix the path, mark reviewed or change status';
  pick.matchOnDetail = true;
  pick.items = entries.map((entry) => ({
    label: entry.label,
    detail: entry.detail,
    entry,
    buttons: entry.actions.filter((a) => a !== 'open').map((a) => BUTTONS[a as keyof typeof BUTTONS]),
  }));
  const done = new Promise<void>((resolve) => pick.onDidHide(() => resolve()));
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (chosen) void runAction(state, chosen.entry, 'open');
  });
  pick.onDidTriggerItemButton(({ item, button }) => {
    const action = (Object.keys(BUTTONS) as (keyof typeof BUTTONS)[]).find((k) => BUTTONS[k] === button);
    pick.hide();
    if (action) void runAction(state, item.entry, action);
  });
  pick.show();
  await done;
  pick.dispose();
}

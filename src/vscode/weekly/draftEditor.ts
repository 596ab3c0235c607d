// The draft in the editor: its untitled document, and Copy and Save — what leaves the editor, as
// sent (see core/weekly/share.ts). Loaded on first use.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemTimeZone } from '../../node/timeZone';
import type { WeeklyDraft } from '../../core/weekly/model';
import { shareable } from '../../core/weekly/share';
import { weekWindow } from '../../core/weekly/window';
import { weekOptions } from '../../node/weekly/assemble';
import { saveUpdate } from '../../node/weekly/updates';
import type { TimeWindow } from '../../core/weekly/model';
import { DRAFT_TITLE } from '../../shared/ids';
import type { WeeklyDeps } from './deps';
import { readWeeklySettings } from './settings';
import { updatesFolder, workspaceRoot } from './updatesFolder';

/** The last draft this window opened: copy and save use its model while its text is unedited. */
export interface WeeklyState {
  last: { draft: WeeklyDraft; uri: string; text: string; templated: boolean } | null;
}

/** A short tab title: "Weekly update W48", or the range for other windows. */
export function draftTitle(window: TimeWindow): string {
  const week = /^\d{4}-W(\d{2})$/.exec(window.id);
  return `${DRAFT_TITLE}${week ? `W${week[1]}` : window.id}`;
}

/**
 * An untitled Markdown document named `title` (VS Code would otherwise title it with the heading,
 * cut mid-word). A second draft of the same window gets "(2)", "(3)"…: an open untitled document
 * with the same name would be reused, text and all.
 */
export async function openDraft(title: string, text: string): Promise<vscode.TextDocument> {
  const taken = new Set(
    vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed).map((d) => d.uri.path),
  );
  let name = title;
  for (let n = 2; taken.has(name); n++) name = `${title} (${n})`;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: name }));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  return vscode.languages.setTextDocumentLanguage(document, 'markdown');
}

/** The last draft's model, when its text is the built-in layout (a template's text is the user's). */
function modelOf(state: WeeklyState): WeeklyDraft | null {
  return state.last && !state.last.templated ? state.last.draft : null;
}

/**
 * The text to copy, save or publish: the active Markdown editor (for saving, only an untitled one — an edited
 * draft — so "Save" never copies some other file into the updates folder), else the last draft.
 */
export function currentText(
  state: WeeklyState,
  purpose: 'copy' | 'save' = 'copy',
): { text: string; draft: WeeklyDraft | null; document?: vscode.TextDocument } | null {
  const document = vscode.window.activeTextEditor?.document;
  const usable =
    document?.languageId === 'markdown' &&
    (purpose === 'copy' || document.isUntitled || document.uri.toString() === state.last?.uri);
  if (document && usable) {
    const text = document.getText();
    const unedited = state.last && state.last.uri === document.uri.toString() && state.last.text === text;
    return { text, draft: unedited ? modelOf(state) : null, document };
  }
  if (state.last) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.last!.uri && !d.isClosed);
    const text = open ? open.getText() : state.last.text;
    return { text, draft: text === state.last.text ? modelOf(state) : null, document: open };
  }
  return null;
}

export async function copyWeekly(state: WeeklyState, format: 'slack' | 'text'): Promise<string | undefined> {
  const current = currentText(state);
  if (!current) {
    void vscode.window.showInformationMessage(
      'Cadence: no weekly draft open — run "Cadence: Draft Weekly Update" first.',
    );
    return undefined;
  }
  // Unedited: render from the model; edited: convert the user's Markdown, keeping their changes.
  // Either way without the prompts and the footer, which are for the author only.
  const text = shareable(current.draft ?? current.text, format);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(
    `Cadence: copied the weekly update as ${format === 'slack' ? 'Slack mrkdwn' : 'plain text'}.`,
  );
  return text;
}

/** Closes an untitled document without the "save changes?" prompt (its text is saved elsewhere). */
async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document, { preview: false });
  if (vscode.window.activeTextEditor?.document === document)
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export async function saveWeekly(state: WeeklyState, deps: WeeklyDeps): Promise<string | undefined> {
  const current = currentText(state, 'save');
  if (!current) {
    void vscode.window.showInformationMessage(
      'Cadence: no weekly draft open — run "Cadence: Draft Weekly Update" first.',
    );
    return undefined;
  }
  const settings = readWeeklySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  const folder = updatesFolder(settings);
  if (!folder) {
    void vscode.window.showErrorMessage(
      'Cadence: open a folder first — updates are saved in its cadence.weekly.folder.',
    );
    return undefined;
  }
  const id =
    current.draft?.window.id ??
    state.last?.draft.window.id ??
    weekWindow(Date.now(), weekOptions(settings, systemTimeZone())).id;
  // Never overwrites: 2026-W47.md exists → 2026-W47-2.md, and the message says which.
  // Saved as it is sent (no prompts, no footer): the saved update is the record of what went out.
  const file = await saveUpdate(folder, id, shareable(current.draft ?? current.text, 'markdown'));
  deps.log.info(`weekly: saved ${file}`);
  // Hand the user the saved file; the untitled draft it came from closes without asking to be saved.
  if (current.document?.isUntitled) await closeWithoutSaving(current.document);
  const saved = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  if (state.last) state.last = { ...state.last, uri: saved.document.uri.toString(), text: saved.document.getText() };
  void vscode.window.showInformationMessage(
    `Cadence: saved the weekly update to ${path.relative(workspaceRoot() ?? '', file) || file}.`,
  );
  return file;
}

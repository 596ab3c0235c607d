import * as vscode from 'vscode';
import type { TextEdit } from '../../core/docs/edits';
import { statusDisplay } from '../../core/docs/status';
import type { Decision } from '../../core/docs/types';
import { type DecisionNode, type DecisionsTreeProvider, decisionLabel } from './decisionsTree';
import type { DocsService } from './docsService';
import type { FileChange, LastEdit } from './lastEdit';
import type { RunbookNode, RunbooksTreeProvider } from './runbooksTree';

/** What every docs command may use: the index, the two trees and their views, the log. */
export interface DocsCommandDeps {
  service: DocsService;
  decisions: DecisionsTreeProvider;
  runbooks: RunbooksTreeProvider;
  decisionsView: vscode.TreeView<DecisionNode>;
  runbooksView: vscode.TreeView<RunbookNode>;
  log: vscode.LogOutputChannel;
  /** The last edit a command made: reported with Undo / Open, undone by Undo Last Cadence Edit. */
  lastEdit: LastEdit;
}

/** Edits and templates load with the parsers, on first use (see DocsService). */
export const loadEdits = () => import('./docsCore');

/** Runs a command; a failure is logged and shown as "Cadence could not <what>: <message>". */
export function guard<A extends unknown[], R>(
  log: vscode.LogOutputChannel,
  what: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${what}: ${message}`);
      void vscode.window.showErrorMessage(`Cadence could not ${what}: ${message}`);
      return undefined;
    }
  };
}

/** The local calendar day as yyyy-mm-dd (the user's "today", not UTC's). */
export function today(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The path a command argument names: a URI, a file-system path or a tree node with a `path`. */
export function pathOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.path;
  if (typeof arg === 'string') return vscode.Uri.file(arg).path;
  if (arg && typeof arg === 'object' && 'path' in arg && typeof arg.path === 'string') return arg.path;
  return undefined;
}

export function activePath(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.path;
}

/** True in a trusted workspace; otherwise says why nothing will be written. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    'Decision records are read-only in an untrusted workspace; trust this folder to create or edit them.',
  );
  return false;
}

/** The record the argument or the active editor names, else the one the user picks. */
export async function pickDecision(
  service: DocsService,
  arg: unknown,
  placeHolder: string,
): Promise<Decision | undefined> {
  await service.whenReady();
  const direct = pathOf(arg) ?? activePath();
  const found = direct ? service.index.decision(direct) : undefined;
  if (found) return found;
  const items = service.index
    .decisions()
    .map((d) => ({ label: decisionLabel(d), description: statusDisplay(d.statusText), decision: d }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      'No decision records found; create one with "Cadence: New Decision Record".',
    );
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.decision;
}

/**
 * Applies minimal edits to a file as one undoable WorkspaceEdit, then saves it. Returns the file's
 * text before and after (for Undo Last Cadence Edit), or undefined when VS Code refused the edit.
 */
export async function applyTextEdits(
  uri: vscode.Uri,
  compute: (text: string) => TextEdit[],
): Promise<FileChange | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.getText();
  const edits = compute(before);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  await document.save();
  return { uri, before, after: document.getText() };
}

/** Asks for a decision's title; undefined when the user cancels or leaves it blank. */
export async function askTitle(
  prompt: string,
  check: (value: string) => string | undefined = () => undefined,
): Promise<string | undefined> {
  const title = await vscode.window.showInputBox({
    prompt,
    validateInput: (value) => (value.trim() ? check(value) : 'A decision needs a title'),
  });
  return title?.trim() || undefined;
}

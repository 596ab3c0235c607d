// Where saved updates live in this window: kept apart from the settings reader, which activation
// loads, because it pulls in the drafting code.
import * as vscode from 'vscode';
import { updatesFolderOf } from '../../node/weekly/assemble';
import type { WeeklySettings } from './settings';

export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;
}

export function updatesFolder(settings: WeeklySettings): string | undefined {
  return updatesFolderOf(settings, workspaceRoot()) ?? undefined;
}

import * as vscode from 'vscode';
import { basename, isInside, joinPath, relativePath } from '../../core/docs/paths';
import type { Decision, DecisionFormat } from '../../core/docs/types';
import { isInsideRoots } from '../../node/docs/containment';
import { fileNamesOnBranches } from '../../node/docs/git';
import { type DocsCommandDeps, askTitle, loadEdits, pathOf, requireTrust, today } from './commandSupport';
import type { DocsService } from './docsService';
import { vscodeFileSystem } from './vscodeFileSystem';

/** Options the New Decision Record command accepts instead of asking (tests, links, other commands). */
export interface NewDecisionOptions {
  /** Folder (file-system path or URI) for the record. */
  folder?: string | vscode.Uri;
  title?: string;
  format?: DecisionFormat;
}

const FORMATS: { label: string; description: string; format: DecisionFormat }[] = [
  { label: 'Nygard (adr-tools)', description: '# 1. Title, ## Status section', format: 'nygard' },
  { label: 'MADR 4', description: 'front matter: status, date, decision-makers', format: 'madr3' },
  { label: 'MADR 2', description: '* Status: bullets', format: 'madr2' },
];

/** Cadence: New Decision Record — in a folder and format the options give, the folder has, or the user picks. */
export async function newDecision(
  deps: DocsCommandDeps,
  options?: NewDecisionOptions,
): Promise<vscode.Uri | undefined> {
  const { service } = deps;
  if (!requireTrust()) return undefined;
  await service.whenReady();
  const folder = options?.folder !== undefined ? pathOf(options.folder) : await chooseFolder(service);
  if (!folder) return undefined;
  const format = options?.format ?? (await chooseFormat(service, folder));
  if (!format) return undefined;
  const title = (
    options?.title ?? (await askTitle('Title of the decision (e.g. "Use PostgreSQL for billing data")'))
  )?.trim();
  if (!title) return undefined;
  return createDecision(deps, folder, title, format);
}

/**
 * Writes the folder's next record (one undoable edit), opens it and returns its URI. Refuses a
 * folder outside the workspace folders.
 */
export async function createDecision(
  deps: DocsCommandDeps,
  folder: string,
  title: string,
  format: DecisionFormat,
  supersedes?: Decision,
): Promise<vscode.Uri> {
  const { uri, text } = await planDecision(deps, folder, title, format, supersedes);
  await createFile(uri, text);
  deps.log.info(`Created ${uri.path}`);
  return uri;
}

/** The file the folder's next record would be, and its text; nothing is written. */
export async function planDecision(
  deps: DocsCommandDeps,
  folder: string,
  title: string,
  format: DecisionFormat,
  supersedes?: Decision,
): Promise<{ uri: vscode.Uri; text: string }> {
  const { folderEol, planNewRecord, takenNames } = await loadEdits();
  const { service } = deps;
  const folderUri = service.uri(folder);
  if (!insideWorkspace(folderUri, folder))
    throw new Error(`${folder} is outside the workspace folders; records are only created inside them.`);
  const names = takenNames(await namesInFolder(folderUri), service.index.decisions(), folder);
  const planned = planNewRecord({
    folder,
    names,
    title,
    format,
    date: today(service.clock.now()),
    eol: await folderEol(names, folder, vscodeFileSystem(folderUri)),
    supersedes,
  });
  return { uri: folderUri.with({ path: planned.path }), text: planned.text };
}

function insideWorkspace(folderUri: vscode.Uri, folder: string): boolean {
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === folderUri.scheme);
  if (folderUri.scheme === 'file')
    return isInsideRoots(
      roots.map((r) => r.uri.fsPath),
      folderUri.fsPath,
    );
  return roots.some((r) => isInside(r.uri.path, folder));
}

/** The folder's file names, here and (in a trusted local folder) on every branch. */
async function namesInFolder(folderUri: vscode.Uri): Promise<string[]> {
  const names = new Set<string>();
  try {
    for (const [name] of await vscode.workspace.fs.readDirectory(folderUri)) names.add(name);
  } catch {
    // The folder does not exist yet: the first record creates it.
  }
  if (vscode.workspace.isTrusted && folderUri.scheme === 'file') {
    for (const name of await fileNamesOnBranches(folderUri.fsPath)) names.add(name);
  }
  return [...names];
}

/** Creates a new file with `text` as one undoable WorkspaceEdit, opens and saves it. */
export async function createFile(uri: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit)))
    throw new Error(`${basename(uri.path)} could not be created (does it exist already?)`);
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  await vscode.window.showTextDocument(document, { preview: false });
}

/** The one decision folder, or the one the user picks, or a new one the user names. */
async function chooseFolder(service: DocsService): Promise<string | undefined> {
  const folders = service.decisionFolders();
  if (folders.length === 1) return folders[0].path;
  if (folders.length > 1) {
    const picked = await vscode.window.showQuickPick(
      folders.map((f) => ({ label: relativePath(f.root.uri.path, f.path), description: f.root.name, path: f.path })),
      { placeHolder: 'Folder for the new decision record' },
    );
    return picked?.path;
  }
  const roots = vscode.workspace.workspaceFolders ?? [];
  if (roots.length === 0) {
    void vscode.window.showWarningMessage('Open a folder first: decision records live in your repository.');
    return undefined;
  }
  const root =
    roots.length === 1
      ? roots[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for decision records' });
  if (!root) return undefined;
  const rel = await vscode.window.showInputBox({
    prompt: `Folder for decision records, relative to ${root.name}`,
    value: 'docs/decisions',
    validateInput: (value) =>
      value.trim() && !value.includes('..') && !/^([/\\]|[a-z]:)/i.test(value.trim())
        ? undefined
        : 'Enter a folder inside the workspace, relative to it (e.g. docs/decisions)',
  });
  return rel ? joinPath(root.uri.path, rel.trim()) : undefined;
}

/** The folder's format (see `formatForFolder`), or the one the user picks for a folder without records. */
async function chooseFormat(service: DocsService, folder: string): Promise<DecisionFormat | undefined> {
  const { formatForFolder } = await loadEdits();
  const log4brains = service.decisionFolders().some((f) => f.path === folder && f.log4brains);
  const known = formatForFolder(service.index.decisions(), folder, log4brains);
  if (known) return known;
  return (await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Format of the decision records in this folder' }))
    ?.format;
}

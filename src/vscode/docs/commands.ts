import * as vscode from 'vscode';
import type { TextEdit } from '../../core/docs/edits';
import { basename, dirname, isInside, joinPath, relativePath } from '../../core/docs/paths';
import { STATUS_LABELS, statusDisplay } from '../../core/docs/status';
import type { Decision, DecisionFormat } from '../../core/docs/types';
import { isInsideRoots } from '../../node/docs/containment';
import { fileNamesOnBranches } from '../../node/docs/git';
import { Commands } from '../../shared/ids';
import { type DecisionNode, type DecisionsTreeProvider, decisionLabel, parseFilter } from './decisionsTree';
import type { DocsService } from './docsService';
import type { RunbookNode, RunbooksTreeProvider } from './runbooksTree';

export interface DocsCommandDeps {
  service: DocsService;
  decisions: DecisionsTreeProvider;
  runbooks: RunbooksTreeProvider;
  decisionsView: vscode.TreeView<DecisionNode>;
  runbooksView: vscode.TreeView<RunbookNode>;
  log: vscode.LogOutputChannel;
}

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

/** The local calendar day as yyyy-mm-dd (the user's "today", not UTC's). */
function today(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function pathOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.path;
  if (typeof arg === 'string') return vscode.Uri.file(arg).path;
  if (arg && typeof arg === 'object' && 'path' in arg && typeof arg.path === 'string') return arg.path;
  return undefined;
}

function activePath(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.path;
}

/** Applies minimal edits to a file as one undoable WorkspaceEdit, then saves it. */
async function applyTextEdits(uri: vscode.Uri, compute: (text: string) => TextEdit[]): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const edits = compute(document.getText());
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) await document.save();
  return applied;
}

/** Creates a new file with `text` as one undoable WorkspaceEdit, opens and saves it. */
async function createFile(uri: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit)))
    throw new Error(`${basename(uri.path)} could not be created (does it exist already?)`);
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  await vscode.window.showTextDocument(document, { preview: false });
}

/** The line ending of a folder's records (CRLF when its first Markdown file uses it), else LF. */
async function folderEol(names: string[], folderUri: vscode.Uri): Promise<'\n' | '\r\n'> {
  const sample = names.find((name) => /\.(md|markdown)$/i.test(name));
  if (!sample) return '\n';
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folderUri, sample));
    const head = new TextDecoder().decode(bytes.subarray(0, 4096));
    return head.includes('\r\n') ? '\r\n' : '\n';
  } catch {
    return '\n'; // a name seen only on another branch
  }
}

/** Edits and templates load with the parsers, on first use (see DocsService). */
const loadEdits = () => import('./docsCore');

export function registerDocsCommands(deps: DocsCommandDeps): vscode.Disposable[] {
  const { service, decisions, runbooks, decisionsView, log } = deps;

  const guard =
    <A extends unknown[], R>(what: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await fn(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${what}: ${message}`);
        void vscode.window.showErrorMessage(`Cadence could not ${what}: ${message}`);
        return undefined;
      }
    };

  const requireTrust = (): boolean => {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(
      'Decision records are read-only in an untrusted workspace; trust this folder to create or edit them.',
    );
    return false;
  };

  const pickDecision = async (arg: unknown, placeHolder: string): Promise<Decision | undefined> => {
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
  };

  const namesInFolder = async (folderUri: vscode.Uri): Promise<string[]> => {
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
  };

  const chooseFolder = async (): Promise<string | undefined> => {
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
  };

  const create = async (
    folder: string,
    title: string,
    format: DecisionFormat,
    supersedes?: Decision,
  ): Promise<vscode.Uri> => {
    const { newFileName, newRecordText, nextNumber } = await loadEdits();
    const folderUri = service.uri(folder);
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === folderUri.scheme);
    const local = folderUri.scheme === 'file';
    if (
      !(local
        ? isInsideRoots(
            roots.map((r) => r.uri.fsPath),
            folderUri.fsPath,
          )
        : roots.some((r) => isInside(r.uri.path, folder)))
    )
      throw new Error(`${folder} is outside the workspace folders; records are only created inside them.`);
    const names = await namesInFolder(folderUri);
    for (const d of service.index.decisions()) if (d.folder === folder) names.push(basename(d.path));
    const number = nextNumber(names);
    const date = today(service.clock.now());
    const fileName = newFileName(names, number, title, format, date);
    const uri = folderUri.with({ path: joinPath(folder, fileName) });
    const text = newRecordText({
      eol: await folderEol(names, folderUri),
      format,
      number: format === 'nygard' || format === 'unknown' ? number : undefined,
      title,
      date,
      supersedes: supersedes && { number: supersedes.number, title: supersedes.title, href: basename(supersedes.path) },
    });
    await createFile(uri, text);
    log.info(`Created ${uri.path}`);
    return uri;
  };

  const formatFor = async (folder: string): Promise<DecisionFormat | undefined> => {
    const { folderFormat } = await loadEdits();
    const existing = service.index.decisions().filter((d) => d.folder === folder);
    if (existing.length > 0) return folderFormat(existing.map((d) => d.format));
    if (service.decisionFolders().some((f) => f.path === folder && f.log4brains)) return 'log4brains';
    return (
      await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Format of the decision records in this folder' })
    )?.format;
  };

  const newDecision = guard('create the decision record', async (options?: NewDecisionOptions) => {
    if (!requireTrust()) return undefined;
    await service.whenReady();
    const folder = options?.folder !== undefined ? pathOf(options.folder) : await chooseFolder();
    if (!folder) return undefined;
    const format = options?.format ?? (await formatFor(folder));
    if (!format) return undefined;
    const title =
      options?.title ??
      (await vscode.window.showInputBox({
        prompt: 'Title of the decision (e.g. "Use PostgreSQL for billing data")',
        validateInput: (value) => (value.trim() ? undefined : 'A decision needs a title'),
      }));
    if (!title?.trim()) return undefined;
    return create(folder, title.trim(), format);
  });

  const supersede = guard('supersede the decision record', async (arg?: unknown, options?: { title?: string }) => {
    const { folderFormat, numberFromFileName, setStatusEdits, supersededStatus } = await loadEdits();
    if (!requireTrust()) return undefined;
    const old = await pickDecision(arg, 'Decision record to supersede');
    if (!old) return undefined;
    const title =
      options?.title ??
      (await vscode.window.showInputBox({
        prompt: `Title of the decision that supersedes "${decisionLabel(old)}"`,
        validateInput: (value) => (value.trim() ? undefined : 'A decision needs a title'),
      }));
    if (!title?.trim()) return undefined;
    const format =
      old.format === 'unknown'
        ? folderFormat(
            service.index
              .decisions()
              .filter((d) => d.folder === old.folder)
              .map((d) => d.format),
          )
        : old.format;
    const uri = await create(old.folder, title.trim(), format, old);
    const successor = {
      number: numberFromFileName(basename(uri.path))?.number,
      title: title.trim(),
      href: basename(uri.path),
    };
    // A separate edit per file: each file's change undoes on its own, without a multi-file prompt.
    await applyTextEdits(service.uri(old.path), (text) =>
      setStatusEdits(old.path, text, supersededStatus(successor, old.format)),
    );
    return uri;
  });

  const changeStatus = guard('change the status', async (arg?: unknown, status?: string) => {
    const { STATUS_CHOICES, setStatusEdits, statusEditNote } = await loadEdits();
    if (!requireTrust()) return;
    const decision = await pickDecision(arg, 'Decision record whose status to change');
    if (!decision) return;
    const chosen =
      status ??
      (
        await vscode.window.showQuickPick(
          STATUS_CHOICES.map((s) => ({ label: STATUS_LABELS[s], picked: s === decision.status })),
          {
            placeHolder: `Status of ${decisionLabel(decision)} (now: ${statusDisplay(decision.statusText) || 'none'})`,
          },
        )
      )?.label;
    if (!chosen) return;
    const uri = service.uri(decision.path);
    if (!(await applyTextEdits(uri, (text) => setStatusEdits(decision.path, text, chosen)))) return;
    // A "Superseded by" link outranks the written status: say so rather than look like a no-op.
    const note = statusEditNote(decision.path, (await vscode.workspace.openTextDocument(uri)).getText(), chosen);
    if (note) void vscode.window.showInformationMessage(note);
  });

  const markReviewed = guard('mark the runbook reviewed', async (arg?: unknown) => {
    const { markReviewedEdits } = await loadEdits();
    if (!requireTrust()) return;
    await service.whenReady();
    let path = pathOf(arg) ?? activePath();
    if (!path || !service.index.runbook(path)) {
      const picked = await vscode.window.showQuickPick(
        service.index
          .runbooks()
          .map((r) => ({ label: r.title, description: r.reviewDue ? `due ${r.reviewDue}` : '', path: r.path })),
        { placeHolder: 'Runbook you reviewed' },
      );
      path = picked?.path;
    }
    if (!path) return;
    const target = path;
    await applyTextEdits(service.uri(target), (text) => markReviewedEdits(target, text, today(service.clock.now())));
  });

  const copyLink = guard('copy the link', async (arg?: unknown) => {
    await service.whenReady();
    const path = pathOf(arg) ?? activePath();
    if (!path) return;
    const decision = service.index.decision(path);
    const label = decision ? decisionLabel(decision) : (service.index.runbook(path)?.title ?? basename(path));
    const active = activePath();
    const from =
      active && active !== path && /\.(md|markdown)$/i.test(active)
        ? dirname(active)
        : service.rootOf(path)?.folder.uri.path;
    const href = from ? relativePath(from, path) : path;
    const link = `[${label}](${encodeURI(href)})`;
    await vscode.env.clipboard.writeText(link);
    vscode.window.setStatusBarMessage(`Copied ${link}`, 3000);
    return link;
  });

  const setFilter = (raw: string | undefined): void => {
    decisions.filter = raw ? parseFilter(raw) : undefined;
    decisionsView.message = decisions.filter ? `Filtered: ${decisions.filter.raw}` : undefined;
    void vscode.commands.executeCommand('setContext', 'cadence.docs.filtered', decisions.filter !== undefined);
    decisions.refresh();
  };

  const reveal = guard('reveal the record', async (arg?: unknown) => {
    await service.whenReady();
    const path = pathOf(arg) ?? activePath();
    if (!path) return false;
    const decisionNode = decisions.nodeFor(path);
    if (decisionNode) {
      await decisionsView.reveal(decisionNode, { select: true, focus: true, expand: true });
      return true;
    }
    const runbookNode = runbooks.nodeFor(path);
    if (runbookNode) {
      await deps.runbooksView.reveal(runbookNode, { select: true, focus: true, expand: true });
      return true;
    }
    void vscode.window.showInformationMessage('The active file is not a decision record or runbook Cadence knows.');
    return false;
  });

  return [
    vscode.commands.registerCommand(Commands.docsNewDecision, newDecision),
    vscode.commands.registerCommand(Commands.docsSupersede, supersede),
    vscode.commands.registerCommand(Commands.docsChangeStatus, changeStatus),
    vscode.commands.registerCommand(Commands.docsMarkReviewed, markReviewed),
    vscode.commands.registerCommand(Commands.docsCopyLink, copyLink),
    vscode.commands.registerCommand(Commands.docsRefresh, () => service.reload()),
    vscode.commands.registerCommand(Commands.docsFilter, async (raw?: string) => {
      const value =
        raw ??
        (await vscode.window.showInputBox({
          prompt: 'Filter decision records: words, tag:NAME, status:STATUS',
          value: decisions.filter?.raw ?? '',
        }));
      if (value !== undefined) setFilter(value);
    }),
    vscode.commands.registerCommand(Commands.docsClearFilter, () => setFilter(undefined)),
    vscode.commands.registerCommand(Commands.docsReveal, reveal),
    vscode.commands.registerCommand(Commands.docsToggleGrouping, () => {
      decisions.grouping = decisions.grouping === 'status' ? 'number' : 'status';
      void vscode.commands.executeCommand(
        'setContext',
        'cadence.docs.groupedByNumber',
        decisions.grouping === 'number',
      );
      decisions.refresh();
    }),
    vscode.commands.registerCommand(Commands.docsOpen, async (arg?: unknown) => {
      const path = pathOf(arg);
      if (path) await vscode.window.showTextDocument(service.uri(path), { preview: true });
    }),
  ];
}

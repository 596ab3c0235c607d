import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { CONFIG_GLOB } from '../../core/docs/configNames';
import type { Discovery, DocsFileSystem } from '../../core/docs/discovery';
import type { DocsIndex } from '../../core/docs/index';
import type { DocsWorkspace, LastChanges } from '../../core/docs/workspace';
import { ChangeStamps } from '../../core/docs/changes';
import { isInside } from '../../core/docs/paths';
import { MARKDOWN_GLOB, isMarkdownName } from '../../core/docs/markdownNames';
import type { ServerSettings } from '../../shared/docsSettings';
import { lastChangeDates } from '../../node/docs/git';
import { readDocsSettings } from './settings';
import { DOCS_SETTINGS } from '../../shared/docsSettings';
import { vscodeFileSystem } from './vscodeFileSystem';
import { markdownFilesOfNewFolder } from './newFolder';

/** `cadence.docs.*` settings that change how the index is shown, not what it holds. */
const DISPLAY_SETTINGS = new Set(['runbookSort', 'diagnostics', 'diagnosticsOpenFilesOnly', 'languageServer']);

interface Root {
  folder: vscode.WorkspaceFolder;
  discovery: Discovery;
}

/** What the trees and commands read from the index. */
export type DocsIndexView = Pick<
  DocsIndex,
  'decisions' | 'decision' | 'runbooks' | 'runbook' | 'links' | 'problemsFor' | 'problems'
>;

/** The index before the first load: empty, so the trees render nothing yet. */
const EMPTY_INDEX: DocsIndexView = {
  decisions: () => [],
  decision: () => undefined,
  runbooks: () => [],
  runbook: () => undefined,
  links: () => ({ supersedes: [], supersededBy: [] }),
  problemsFor: () => [],
  problems: () => [],
};

/**
 * The parsers (markdown-it, yaml) load on the first scan, after activation, from their own chunk
 * (see docsCore.ts): activating Cadence neither loads nor evaluates them.
 */
async function loadCore() {
  return { ...(await import('./docsCore')) };
}

type Core = Awaited<ReturnType<typeof loadCore>>;

/**
 * The trees' docs index: the core DocsWorkspace (roots, reload, one-file reindexing, config-file
 * rediscovery, the git-date fallback; see ADR 0014) over the workspace folders' file systems, fed by
 * FileSystemWatchers. The first load is deferred, never inside activate. Fires `onDidChange`
 * (debounced) so the trees refresh within a second of a change without rescanning.
 */
export class DocsService implements vscode.Disposable {
  private workspace: DocsWorkspace | undefined;
  private core: Core | undefined;
  private folders: readonly vscode.WorkspaceFolder[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void> | undefined;
  private loaded = false;
  private readonly stamps = new ChangeStamps();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    readonly clock: Clock,
  ) {}

  /** The index (empty until the first scan has loaded the parsers). */
  get index(): DocsIndexView {
    return this.workspace?.index ?? EMPTY_INDEX;
  }

  /** Starts watching and schedules the first load; cheap, safe to call from activate. */
  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(MARKDOWN_GLOB);
    const configs = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    // Folders: a deleted or renamed folder reports only itself, not the records inside it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    // A config file rediscovers the root that holds it.
    const configChanged = (uri: vscode.Uri) => void this.workspace?.fileChanged(uri.path).then(() => this.logNotes());
    this.disposables.push(
      watcher,
      configs,
      folders,
      folders.onDidCreate((uri) => void this.folderCreated(uri)),
      folders.onDidDelete((uri) => this.fileDeleted(uri)),
      watcher.onDidCreate((uri) => void this.fileChanged(uri)),
      watcher.onDidChange((uri) => void this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.fileChanged(doc.uri)),
      configs.onDidCreate(configChanged),
      configs.onDidChange(configChanged),
      configs.onDidDelete(configChanged),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('cadence.docs') && !event.affectsConfiguration('files.exclude')) return;
        // Settings of how things are shown (sort, problem levels) redraw; the rest rescans.
        const rescan =
          event.affectsConfiguration('files.exclude') ||
          Object.keys(DOCS_SETTINGS).some(
            (name) => !DISPLAY_SETTINGS.has(name) && event.affectsConfiguration(`cadence.docs.${name}`),
          );
        if (rescan) void this.reload();
        else this.emitter.fire();
      }),
    );
    setTimeout(() => void this.reload(), 0);
  }

  /** Resolves once the first load (or the reload under way) and the updates queued so far have finished. */
  async whenReady(): Promise<void> {
    while (!this.loaded || this.loading) await (this.loading ?? new Promise((r) => setTimeout(r, 10)));
    await this.workspace?.settled();
  }

  get isReady(): boolean {
    return this.loaded;
  }

  /** Every discovered decision folder, as paths. */
  decisionFolders(): { path: string; root: vscode.WorkspaceFolder; log4brains: boolean }[] {
    return this.roots().flatMap((root) =>
      // A subfolder of a decision folder (`adr/archive/`) is read, never offered for new records.
      root.discovery.decisionFolders
        .filter((f) => f.source !== 'sub')
        .map((f) => ({ path: f.path, root: root.folder, log4brains: f.log4brains })),
    );
  }

  workspaceFolders(): readonly vscode.WorkspaceFolder[] {
    return this.roots().map((r) => r.folder);
  }

  /** The URI of an indexed path (same scheme and authority as its workspace folder). */
  uri(path: string): vscode.Uri {
    return (this.folderOf(path)?.uri ?? vscode.Uri.file(path)).with({ path });
  }

  rootOf(path: string): Root | undefined {
    const discovery = this.workspace?.rootOf(path);
    const folder = discovery && this.folders.find((f) => f.uri.path === discovery.root);
    return folder && { folder, discovery };
  }

  private roots(): Root[] {
    const roots: Root[] = [];
    for (const discovery of this.workspace?.discoveries() ?? []) {
      const folder = this.folders.find((f) => f.uri.path === discovery.root);
      if (folder) roots.push({ folder, discovery });
    }
    return roots;
  }

  /** The innermost workspace folder holding `path`. */
  private folderOf(path: string): vscode.WorkspaceFolder | undefined {
    let best: vscode.WorkspaceFolder | undefined;
    for (const folder of this.folders)
      if (isInside(folder.uri.path, path) && (!best || folder.uri.path.length > best.uri.path.length)) best = folder;
    return best;
  }

  /** Full rescan: only on explicit Refresh, configuration changes and workspace-folder changes. */
  reload(): Promise<void> {
    const run = async (): Promise<void> => {
      await this.loading?.catch(() => undefined);
      const started = performance.now();
      const settings: ServerSettings = { ...readDocsSettings(), git: vscode.workspace.isTrusted };
      this.core ??= await loadCore();
      this.workspace ??= new this.core.DocsWorkspace(
        this.fileSystem(),
        this.clock,
        settings,
        (paths) => this.changed(paths ? 30 : 0),
        (message) => this.log.warn(message),
        this.lastChanges,
        { keepTexts: false },
      );
      this.folders = [...(vscode.workspace.workspaceFolders ?? [])];
      await this.workspace.setSettings(
        settings,
        this.folders.map((f) => f.uri.path),
      );
      this.logNotes();
      this.loaded = true;
      this.log.info(
        `Docs: ${this.index.decisions().length} decision records, ${this.index.runbooks().length} runbooks in ${(performance.now() - started).toFixed(0)} ms`,
      );
      void vscode.commands.executeCommand('setContext', 'cadence.docs.ready', true);
    };
    const loading = run().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  /** Discovery's notes (in the problems too) and what each glob matched, logged where people look. */
  private logNotes(): void {
    for (const discovery of this.workspace?.discoveries() ?? []) {
      for (const note of discovery.notes) this.log.warn(`Docs: ${note.path}: ${note.message}`);
      for (const { glob, kind, files } of discovery.globs) {
        const line = `Docs: ${kind} glob "${glob}" matched ${files} Markdown file${files === 1 ? '' : 's'} in ${discovery.root}`;
        if (files === 0) this.log.warn(line);
        else this.log.info(line);
      }
    }
  }

  /** Each path is read through its workspace folder's file system (Node's for local folders). */
  private fileSystem(): DocsFileSystem {
    const fsOf = (path: string): DocsFileSystem => {
      const folder = this.folderOf(path);
      return folder ? vscodeFileSystem(folder.uri) : vscodeFileSystem(vscode.Uri.file(path));
    };
    return {
      readFile: (path, root) => fsOf(path).readFile(path, root),
      readText: (path, maxBytes, root) => fsOf(path).readText(path, maxBytes, root),
      readDirectory: (path) => fsOf(path).readDirectory(path),
      stat: (path) => fsOf(path).stat(path),
    };
  }

  /** Runbooks' last commit dates, for local folders only (git reads the disk). */
  private readonly lastChanges: LastChanges = async (root, folders) => {
    const folder = this.folderOf(root);
    if (folder?.uri.scheme !== 'file') return new Map();
    const dates = await lastChangeDates(
      folder.uri.fsPath,
      folders.map((p) => vscode.Uri.file(p).fsPath),
    );
    const byPath = new Map<string, string>();
    for (const [fsPath, date] of dates) byPath.set(vscode.Uri.file(fsPath).path, date);
    return byPath;
  };

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const root = this.workspace?.rootOf(uri.path);
    if (!root || !this.core || !this.workspace || !isMarkdownName(uri.path)) return;
    if (!this.core.classify(root, uri.path) && !this.index.decision(uri.path) && !this.index.runbook(uri.path)) return;
    // The save event and the watcher's change event of one save: index once.
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!this.stamps.changed(uri.path, stat.mtime, stat.size)) return;
    } catch {
      this.stamps.forget(uri.path); // gone already: the workspace removes it
    }
    await this.workspace.fileChanged(uri.path);
  }

  /** A file or a whole folder went away (deleted, or the old name of a rename). */
  private fileDeleted(uri: vscode.Uri): void {
    if (!this.workspace?.index.has(uri.path)) return;
    this.stamps.forget(uri.path);
    void this.workspace.fileDeleted(uri.path);
  }

  /** A folder that appears (the new name of a rename, a copy) brings its records: index its files. */
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    const root = this.rootOf(uri.path)?.folder.uri.path;
    for (const file of await markdownFilesOfNewFolder(uri, root)) await this.fileChanged(file);
  }

  private changed(delay = 30): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

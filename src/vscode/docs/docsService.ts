import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { CONFIG_GLOB, CONFIG_NAMES } from '../../core/docs/configNames';
import type { Discovery } from '../../core/docs/discovery';
import type { DocsIndex } from '../../core/docs/index';
import { ChangeStamps } from '../../core/docs/changes';
import { isInside } from '../../core/docs/paths';
import { lastChangeDates } from '../../node/docs/git';
import { readDocsSettings } from './settings';
import { DOCS_SETTINGS } from '../../shared/docsSettings';
import { vscodeFileSystem } from './vscodeFileSystem';

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
 * Owns the docs index for the workspace: a cold load per workspace folder (deferred, never inside
 * activate), then one file at a time from a FileSystemWatcher. Fires `onDidChange` (debounced) so
 * the trees refresh within a second of a change without rescanning.
 */
export class DocsService implements vscode.Disposable {
  private full: DocsIndex | undefined;
  private core: Core | undefined;
  private roots: Root[] = [];
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
    return this.full ?? EMPTY_INDEX;
  }

  /** Starts watching and schedules the first load; cheap, safe to call from activate. */
  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const configs = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    // Folders: a deleted or renamed folder reports only itself, not the records inside it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
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
      configs.onDidCreate(() => void this.reload()),
      configs.onDidChange(() => void this.reload()),
      configs.onDidDelete(() => void this.reload()),
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

  /** Resolves once the first load (or the reload under way) has finished. */
  async whenReady(): Promise<void> {
    while (!this.loaded || this.loading) await (this.loading ?? new Promise((r) => setTimeout(r, 10)));
  }

  get isReady(): boolean {
    return this.loaded;
  }

  /** Every discovered decision folder, as paths. */
  decisionFolders(): { path: string; root: vscode.WorkspaceFolder; log4brains: boolean }[] {
    return this.roots.flatMap((root) =>
      root.discovery.decisionFolders.map((f) => ({ path: f.path, root: root.folder, log4brains: f.log4brains })),
    );
  }

  workspaceFolders(): readonly vscode.WorkspaceFolder[] {
    return this.roots.map((r) => r.folder);
  }

  /** The URI of an indexed path (same scheme and authority as its workspace folder). */
  uri(path: string): vscode.Uri {
    const root = this.rootOf(path);
    return (root?.folder.uri ?? vscode.Uri.file(path)).with({ path });
  }

  rootOf(path: string): Root | undefined {
    return this.roots.find((root) => isInside(root.folder.uri.path, path));
  }

  /** Full rescan: only on explicit Refresh, configuration changes and workspace-folder changes. */
  reload(): Promise<void> {
    const run = async (): Promise<void> => {
      await this.loading?.catch(() => undefined);
      const started = performance.now();
      const settings = readDocsSettings();
      this.core ??= await loadCore();
      const { DocsIndex, loadRoot } = this.core;
      this.full ??= new DocsIndex({ clock: this.clock, runbookReviewDays: settings.runbookReviewDays });
      const index = this.full;
      index.setRunbookReviewDays(settings.runbookReviewDays);
      const roots: Root[] = [];
      const folders = vscode.workspace.workspaceFolders ?? [];
      // A workspace folder that was removed takes its records with it.
      for (const old of this.roots) {
        if (!folders.some((f) => f.uri.toString() === old.folder.uri.toString()))
          index.removeUnder(old.folder.uri.path);
      }
      for (const folder of folders) {
        index.removeUnder(folder.uri.path);
        try {
          const discovery = await loadRoot(vscodeFileSystem(folder.uri), index, folder.uri.path, {
            decisionGlobs: settings.decisionGlobs,
            runbookGlobs: settings.runbookGlobs,
            maxFileBytes: settings.maxFileKiB * 1024,
            excludeNames: settings.excludeNames,
          });
          roots.push({ folder, discovery });
          // Also in the index's problems; the log says it where people look when records are missing.
          for (const note of discovery.notes) this.log.warn(`Docs: ${note.path}: ${note.message}`);
        } catch (error) {
          this.log.warn(`Cadence could not read decision records in ${folder.name}: ${String(error)}`);
        }
      }
      this.roots = roots;
      this.loaded = true;
      this.log.info(
        `Docs: ${this.index.decisions().length} decision records, ${this.index.runbooks().length} runbooks in ${(performance.now() - started).toFixed(0)} ms`,
      );
      void vscode.commands.executeCommand('setContext', 'cadence.docs.ready', true);
      this.changed(0);
      void this.readGitDates();
    };
    const loading = run().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  /** Runbooks without `last_reviewed_on` fall back to their last commit: one git log per folder. */
  private async readGitDates(): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    for (const root of this.roots) {
      if (root.folder.uri.scheme !== 'file' || root.discovery.runbookFolders.length === 0) continue;
      const missing = this.index.runbooks().filter((r) => !r.lastReviewedOn && isInside(root.folder.uri.path, r.path));
      if (missing.length === 0) continue;
      const dates = await lastChangeDates(
        root.folder.uri.fsPath,
        root.discovery.runbookFolders.map((p) => vscode.Uri.file(p).fsPath),
      );
      const byPath = new Map<string, string>();
      for (const [fsPath, date] of dates) byPath.set(vscode.Uri.file(fsPath).path, date);
      this.full?.setLastChanges(byPath);
    }
    this.changed(0);
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const root = this.rootOf(uri.path);
    if (!root || !/\.(md|markdown)$/i.test(uri.path)) {
      if (CONFIG_NAMES.has(uri.path.slice(uri.path.lastIndexOf('/') + 1))) void this.reload();
      return;
    }
    if (!this.core || !this.full) return;
    const { classify, indexFile } = this.core;
    if (!classify(root.discovery, uri.path) && !this.index.decision(uri.path) && !this.index.runbook(uri.path)) return;
    // The save event and the watcher's change event of one save: index once.
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!this.stamps.changed(uri.path, stat.mtime, stat.size)) return;
    } catch {
      this.stamps.forget(uri.path); // gone already: indexFile removes it
    }
    await indexFile(
      vscodeFileSystem(root.folder.uri),
      this.full,
      root.discovery,
      uri.path,
      readDocsSettings().maxFileKiB * 1024,
    );
    this.changed();
  }

  /** A file or a whole folder went away (deleted, or the old name of a rename). */
  private fileDeleted(uri: vscode.Uri): void {
    if (!this.full?.has(uri.path)) return;
    this.stamps.forget(uri.path);
    this.full.remove(uri.path);
    this.full.removeUnder(uri.path);
    this.changed();
  }

  /** A folder that appears (the new name of a rename, a copy) brings its records: index its files. */
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    // Most creates are files; a name with an extension or under node_modules is not worth a look.
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (/.\.[^.]+$/.test(name) || uri.path.includes('/node_modules/') || !this.rootOf(uri.path)) return;
    const pending = [uri];
    for (let depth = 0; pending.length > 0 && depth < 12; depth++) {
      const level = pending.splice(0);
      for (const dir of level) {
        let entries: [string, vscode.FileType][];
        try {
          entries = await vscode.workspace.fs.readDirectory(dir);
        } catch {
          continue; // a file, or gone again
        }
        for (const [name, type] of entries) {
          const child = vscode.Uri.joinPath(dir, name);
          if (type === vscode.FileType.Directory && !name.startsWith('.') && name !== 'node_modules')
            pending.push(child);
          else if (type === vscode.FileType.File && /\.(md|markdown)$/i.test(name)) await this.fileChanged(child);
        }
      }
    }
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

// The docs workspace: one DocsIndex over every root, kept current one file at a time, over two
// ports — a DocsFileSystem and LastChanges (git dates) — so it runs anywhere (see ADR 0014).
import type { ServerSettings } from '../../shared/docsSettings';
import type { Clock } from '../clock';
import { CONFIG_NAMES } from './configNames';
import type { Discovery, DocsFileSystem } from './discovery';
import { DocsIndex } from './docsIndex';
import { indexFile, loadRoot, tooLargeNote } from './load';
import { basename, isInside } from './paths';

/** Last commit date (ISO day) per file under `folders` of the repository at `root`. */
export type LastChanges = (root: string, folders: string[], gitPath?: string) => Promise<Map<string, string>>;

/** How much of what it reads a DocsWorkspace keeps. */
export interface DocsWorkspaceOptions {
  /**
   * Keep the last text read of every indexed file (default true): the language server's diagnostics
   * and code actions need it; the trees, which read only the index, do not.
   */
  keepTexts?: boolean;
}

/**
 * One DocsIndex over every workspace root (the language server and the trees each wrap one). Open documents override the disk (their
 * text is what the user sees); watched-file events update one file at a time; only a config file
 * change or a workspace-folder change rediscovers a root. Every update is queued, so events are
 * applied in the order they arrived even though reading is asynchronous.
 */
export class DocsWorkspace {
  readonly index: DocsIndex;
  private roots: Discovery[] = [];
  private readonly open = new Map<string, string>();
  /** Open documents over `maxFileSize`. */
  private readonly tooLarge = new Set<string>();
  /** Last text read per indexed path: diagnostics need line lengths, code actions the text. */
  private readonly texts = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly overlay: DocsFileSystem;

  constructor(
    private readonly fs: DocsFileSystem,
    clock: Clock,
    private settings: ServerSettings,
    /** Called after every update: with the paths whose own problems changed, or none for "anything". */
    private readonly changed: (paths?: string[]) => void,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly lastChanges?: LastChanges,
    private readonly options: DocsWorkspaceOptions = {},
  ) {
    this.index = new DocsIndex({
      clock,
      runbookReviewDays: settings.runbookReviewDays,
      runbookSections: settings.runbookSections,
    });
    this.overlay = {
      readFile: async (path, root) => this.open.get(path) ?? this.remember(path, await fs.readFile(path, root)),
      readText: async (path, maxBytes, root) => {
        const open = this.open.get(path);
        if (open !== undefined) return this.remember(path, open);
        const read = await fs.readText(path, maxBytes, root);
        if (typeof read === 'string') return this.remember(path, read);
        if (read && 'text' in read) this.remember(path, read.text);
        return read;
      },
      readDirectory: (path) => fs.readDirectory(path),
      stat: (path) => fs.stat(path),
    };
  }

  private remember(path: string, text: string): string {
    if (this.options.keepTexts !== false) this.texts.set(path, text);
    return text;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((error: unknown) => this.warn(`Decision records: ${String(error)}`));
    this.queue = run;
    return run;
  }

  /** Resolves when every queued update (the cold load included) has been applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  /**
   * (Re)discovers and indexes the given roots; roots no longer listed are dropped. A root that
   * cannot be read is left out with a warning; the others load.
   */
  setRoots(paths: string[]): Promise<void> {
    return this.enqueue(async () => {
      for (const old of this.roots) if (!paths.includes(old.root)) this.index.removeUnder(old.root);
      const roots: Discovery[] = [];
      for (const root of paths) {
        try {
          roots.push(await this.loadRoot(root));
        } catch (error) {
          this.warn(`Decision records: could not read ${root}: ${String(error)}`);
        }
      }
      this.roots = roots;
      this.changed();
      // Outside the queue: git may be slow, and edits must not wait for it.
      void this.readGitDates(roots);
    });
  }

  /** Runbooks without `last_reviewed_on` fall back to their last commit: one git log per root. */
  private async readGitDates(roots: Discovery[]): Promise<void> {
    if (!this.settings.git || !this.lastChanges) return;
    for (const root of roots) {
      if (root.runbookFolders.length === 0) continue;
      if (!this.index.runbooks().some((r) => !r.lastReviewedOn && isInside(root.root, r.path))) continue;
      try {
        this.index.setLastChanges(await this.lastChanges(root.root, root.runbookFolders, this.settings.gitPath));
      } catch (error) {
        this.warn(`Runbooks: could not read last-change dates from git in ${root.root}: ${String(error)}`);
      }
    }
    this.changed();
  }

  private async loadRoot(root: string): Promise<Discovery> {
    this.index.removeUnder(root);
    const discovery = await loadRoot(this.overlay, this.index, root, {
      decisionGlobs: this.settings.decisionGlobs,
      runbookGlobs: this.settings.runbookGlobs,
      maxFileBytes: this.settings.maxFileSize * 1024,
      excludeNames: this.settings.excludeNames,
    });
    // Every Markdown file is read to see whether its front matter marks a runbook; the texts of
    // those that are neither records nor runbooks are not kept.
    for (const path of this.texts.keys()) {
      if (!this.open.has(path) && !this.index.decision(path) && !this.index.runbook(path)) this.texts.delete(path);
    }
    return discovery;
  }

  /** New settings: every root (or the `roots` given instead) is rediscovered (globs may name other files). */
  setSettings(settings: ServerSettings, roots: string[] = this.rootPaths()): Promise<void> {
    this.settings = settings;
    this.index.setRunbookReviewDays(settings.runbookReviewDays);
    this.index.setRunbookSections(settings.runbookSections);
    return this.setRoots(roots);
  }

  rootPaths(): string[] {
    return this.roots.map((r) => r.root);
  }

  /** What discovery found in each root (folders, notes), in root order. */
  discoveries(): readonly Discovery[] {
    return this.roots;
  }

  /** The innermost root holding `path`. */
  rootOf(path: string): Discovery | undefined {
    let best: Discovery | undefined;
    for (const root of this.roots) {
      if (isInside(root.root, path) && (!best || root.root.length > best.root.length)) best = root;
    }
    return best;
  }

  /** The current text of an indexed or open file (open documents first), read from disk if needed. */
  async text(path: string): Promise<string | undefined> {
    const known = this.open.get(path) ?? this.texts.get(path);
    if (known !== undefined) return known;
    const read = await this.fs
      .readText(path, this.settings.maxFileSize * 1024, this.rootOf(path)?.root)
      .catch(() => undefined);
    return typeof read === 'string' ? read : read && 'text' in read ? read.text : undefined;
  }

  /** The text last seen for `path`, without reading (for diagnostics ranges). */
  knownText(path: string): string | undefined {
    return this.open.get(path) ?? this.texts.get(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  /**
   * An editor opened or changed a document: its text replaces the disk's. One file is reparsed.
   * A document over `maxFileSize` is neither parsed nor kept: it is listed as too large, like on disk.
   */
  setOpen(path: string, text: string): Promise<void> {
    const maxBytes = this.settings.maxFileSize * 1024;
    if (text.length > maxBytes) {
      this.open.delete(path);
      this.texts.delete(path);
      this.tooLarge.add(path);
      return this.enqueue(async () => {
        if (!this.rootOf(path)) return;
        this.index.setNote(tooLargeNote(path, text.length, maxBytes));
        this.changed([path]);
      });
    }
    this.tooLarge.delete(path);
    this.open.set(path, text);
    this.texts.set(path, text);
    return this.enqueue(() => this.reindex(path));
  }

  /** True for an open document over `maxFileSize`: no feature parses it. */
  isTooLarge(path: string): boolean {
    return this.tooLarge.has(path);
  }

  /** An editor closed a document: the disk is the truth again. */
  close(path: string): Promise<void> {
    this.tooLarge.delete(path);
    this.open.delete(path);
    this.texts.delete(path);
    return this.enqueue(() => this.reindex(path));
  }

  /** A watched file was created or changed on disk. Open documents keep the editor's text. */
  fileChanged(path: string): Promise<void> {
    return this.onDisk(path, () => this.reindex(path));
  }

  /** A watched file, or a folder with everything in it, was deleted on disk (or renamed away). */
  fileDeleted(path: string): Promise<void> {
    return this.onDisk(path, () => {
      this.index.remove(path);
      this.index.removeUnder(path);
      this.changed([path]);
    });
  }

  /**
   * A change on disk: a config file rediscovers its root; an open document keeps the editor's text;
   * otherwise the disk text replaces any cached one and `apply` updates the index.
   */
  private onDisk(path: string, apply: () => void | Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      if (CONFIG_NAMES.has(basename(path))) {
        await this.reloadRootOf(path);
        return;
      }
      if (this.open.has(path)) return;
      this.texts.delete(path);
      await apply();
    });
  }

  private async reloadRootOf(path: string): Promise<void> {
    const root = this.rootOf(path);
    if (!root) return;
    const fresh = await this.loadRoot(root.root);
    this.roots = this.roots.map((r) => (r === root ? fresh : r));
    this.changed();
  }

  private async reindex(path: string): Promise<void> {
    const root = this.rootOf(path);
    if (!root) return;
    await indexFile(this.overlay, this.index, root, path, this.settings.maxFileSize * 1024);
    this.changed([path]);
  }
}

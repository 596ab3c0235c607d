/**
 * What git's history says about documentation, accumulated from two streamed `git log`s for the
 * whole repository (never one call per doc): when each doc last changed, how many commits touched
 * the paths it names since then, and where deleted or renamed paths went. Fed by src/node; pure.
 */
import type { PathRef } from './pathRefs';

/** Paths are repository-relative; folders end in '/'. */
export interface HistoryEvidence {
  /** Epoch ms of the last commit that touched each doc (docs never committed are absent). */
  lastChange: Map<string, number>;
  /** Per doc: commits since its last change that touched each path it names. */
  refCommits: Map<string, Map<string, number>>;
  /** Per doc: distinct commits since its last change that touched any path it names. */
  driftCommits: Map<string, number>;
  /** True when the log was cut at its commit limit (counts are then lower bounds). */
  truncated: boolean;
}

/**
 * Counts, for each doc, the commits that touched a path the doc names after the doc's own last
 * change. Commits arrive newest first (git log order): until a doc's own commit is seen, every
 * commit is "since it last changed"; the doc's own commit and older ones are not counted.
 */
export class DriftCounter {
  private readonly docsByRef = new Map<string, string[]>();
  private readonly seen = new Set<string>();
  private readonly folderRefs = new Set<string>();
  readonly evidence: HistoryEvidence = {
    lastChange: new Map(),
    refCommits: new Map(),
    driftCommits: new Map(),
    truncated: false,
  };

  /**
   * `refs`: per doc (repository-relative path), the paths it names that exist today. `ignore`: commits
   * (full shas) that do not count as a change of the docs they touch — "as if they had not been
   * made" (the weekly draft asks what the duty list would say without this week's doc edits).
   */
  constructor(
    private readonly docs: ReadonlySet<string>,
    refs: ReadonlyMap<string, readonly string[]>,
    private readonly ignore: ReadonlySet<string> = new Set(),
  ) {
    for (const [doc, paths] of refs) {
      for (const path of new Set(paths)) {
        const key = path.endsWith('/') ? path.slice(0, -1) : path;
        if (path.endsWith('/')) this.folderRefs.add(`${doc}\u0000${key}`);
        const list = this.docsByRef.get(key) ?? [];
        list.push(doc);
        this.docsByRef.set(key, list);
      }
    }
  }

  /** True when every doc has been seen: older commits cannot change any count. */
  get done(): boolean {
    return this.seen.size === this.docs.size;
  }

  /** One commit (newest first): its commit time, the files it touched and its sha (for `ignore`). */
  commit(time: number, files: readonly string[], sha?: string): void {
    const ignored = sha !== undefined && this.ignore.has(sha);
    for (const file of files) {
      if (!ignored && this.docs.has(file) && !this.seen.has(file)) {
        this.seen.add(file);
        this.evidence.lastChange.set(file, time);
      }
    }
    const counted = new Set<string>();
    for (const file of files) {
      // The file itself and each folder above it may be named by a doc.
      for (let key = file; key; key = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '') {
        for (const doc of this.docsByRef.get(key) ?? []) {
          if (this.seen.has(doc) || doc === file) continue;
          const perRef = this.evidence.refCommits.get(doc) ?? new Map<string, number>();
          const refKey = this.refName(doc, key);
          const tag = `${doc}\u0000${refKey}`;
          if (!counted.has(tag)) {
            counted.add(tag);
            perRef.set(refKey, (perRef.get(refKey) ?? 0) + 1);
            this.evidence.refCommits.set(doc, perRef);
          }
          if (!counted.has(doc)) {
            counted.add(doc);
            this.evidence.driftCommits.set(doc, (this.evidence.driftCommits.get(doc) ?? 0) + 1);
          }
        }
      }
    }
  }

  private refName(doc: string, key: string): string {
    // Folders are reported as written, with their slash.
    return this.folderRefs.has(`${doc}\u0000${key}`) ? `${key}/` : key;
  }
}

/**
 * Renames and deletions from `git log -M --name-status --diff-filter=RD`, fed oldest first, so a
 * chain (a → b, later b → c) resolves to where the file is now.
 */
export class RenameIndex {
  private readonly next = new Map<string, string>();
  private readonly deleted = new Set<string>();
  /** Every folder above a path that was renamed away or deleted. */
  private readonly goneFolders = new Set<string>();

  rename(from: string, to: string): void {
    this.next.set(from, to);
    this.deleted.delete(to);
    this.addFolders(from);
  }

  delete(path: string): void {
    this.deleted.add(path);
    this.next.delete(path);
    this.addFolders(path);
  }

  /** True when git saw `path` (a file, or a folder ending in '/') renamed away or deleted. */
  wasTracked(path: string): boolean {
    if (path.endsWith('/')) return this.goneFolders.has(path.slice(0, -1));
    return this.next.has(path) || this.deleted.has(path);
  }

  /**
   * Where `path` went: the end of its rename chain, undefined when it was deleted (or a chain
   * loops). A folder's target is the folder all its renamed files moved to, when they agree.
   */
  renamedTo(path: string, exists: (path: string) => boolean): string | undefined {
    if (path.endsWith('/')) return this.folderTarget(path, exists);
    let current = path;
    for (let steps = 0; steps < 100; steps++) {
      const to = this.next.get(current);
      if (to === undefined) return current === path || this.deleted.has(current) ? undefined : current;
      current = to;
    }
    return undefined;
  }

  private folderTarget(folder: string, exists: (path: string) => boolean): string | undefined {
    let target: string | undefined;
    for (const from of this.next.keys()) {
      if (!from.startsWith(folder)) continue;
      const rest = from.slice(folder.length);
      const end = this.renamedTo(from, exists);
      if (!end || !end.endsWith(`/${rest}`)) return undefined;
      const candidate = end.slice(0, end.length - rest.length);
      if (target !== undefined && target !== candidate) return undefined;
      target = candidate;
    }
    return target !== undefined && exists(target) ? target : undefined;
  }

  private addFolders(path: string): void {
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) this.goneFolders.add(path.slice(0, i));
  }
}

/** The paths each doc names that exist today (input for the drift counter). */
export function existingRefs(
  refs: ReadonlyMap<string, readonly PathRef[]>,
  exists: (path: string) => boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [doc, list] of refs) {
    const paths = [...new Set(list.map((r) => r.path))].filter((p) => exists(p) && !/\.(md|markdown)$/i.test(p));
    if (paths.length > 0) out.set(doc, paths);
  }
  return out;
}

/** A repository's evidence: its top level and what its history says. */
export interface RootEvidence {
  top: string;
  /** The commit HEAD pointed at when the history was read (to notice it moved). */
  head?: string;
  history?: HistoryEvidence;
  renames?: RenameIndex;
}

/** What the server is given by main.ts (Node): existence checks and the git evidence. */
export interface PathEvidencePort {
  /** True when an absolute path (a folder when it ends in '/') is there. */
  exists(path: string): boolean;
  /** The repository containing `root` and, when git may run, its history for `docs` (absolute paths). */
  evidence(root: string, docs: { path: string; text: string }[], git: boolean): Promise<RootEvidence | undefined>;
  /** The commit HEAD points at in the repository `top` (one cheap git call), undefined when unknown. */
  head?(top: string): Promise<string | undefined>;
}

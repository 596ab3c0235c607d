import { CONFIG_FILE_NAMES, type ConfigFileName } from './configNames';
import { configFolders } from './folderConfigs';
import { basename, dirname, type GlobMatcher, globMatcher, isInside, joinPath, relativePath } from './paths';
import { numberFromFileName } from './names';
import { isMarkdownName } from './markdownNames';
import { CATALOG_INFOS, DEFAULT_SITE, MKDOCS_CONFIGS, readMkdocsConfig, siteRunbooks, techDocsDir } from './mkdocs';
import { isCollectionFolderName, isSiteBuild, runbookPlace } from './runbooks';
import type { Problem } from './types';

/**
 * What reading a record gave: its text (UTF-8); text decoded from another encoding (`encoding`
 * names it); `{ size }` when it is over the limit (not read); `{ skipped }` when it is not a regular
 * file (a FIFO, a device) or a link to something outside the workspace (never opened); undefined
 * when nothing is there.
 */
export type ReadResult =
  | string
  | { text: string; encoding: string }
  | { size: number }
  | { skipped: 'not-a-file' | 'outside-workspace'; reason: string }
  | undefined;

/** What the index needs from a file system; implemented over Node fs and over VS Code's workspace.fs. */
export interface DocsFileSystem {
  /**
   * UTF-8 text of a small file (a config file such as `.adr-dir`); throws when the file cannot be
   * read, is not a regular file, is a link out of `root` or is too large.
   */
  readFile(path: string, root?: string): Promise<string>;
  /**
   * The text of a file no larger than `maxBytes` (the limit holds while reading, not only from its
   * size). Only regular files are read; a symbolic link only when its target is inside `root` (the
   * workspace folder). One open per file: the cold index must stay close to merely reading.
   */
  readText(path: string, maxBytes: number, root?: string): Promise<ReadResult>;
  /** Entries of a folder; symbolic links are reported as such and never followed into folders. */
  readDirectory(path: string): Promise<[name: string, type: EntryType][]>;
  /** undefined when nothing is there. */
  stat(path: string): Promise<{ type: 'file' | 'directory'; size: number } | undefined>;
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DiscoveryOptions {
  /** Extra decision-record file globs, relative to the root (`cadence.docs.decisionGlobs`). */
  decisionGlobs?: string[];
  /** Extra runbook file globs, relative to the root (`cadence.docs.runbookGlobs`). */
  runbookGlobs?: string[];
  /**
   * The folder the globs are relative to when it is not the root: a folder containing it (the CLI
   * reads a subfolder with the globs of its repository's `.vscode/settings.json`).
   */
  globBase?: string;
  /** Folder names never entered besides node_modules, .git and dot-folders. */
  excludeNames?: string[];
  /** Files larger than this are listed as a problem, not read. */
  maxFileBytes?: number;
  /** Also look for `.adr-dir` in the root's parents, as adr-tools does (the CLI). */
  searchUpward?: boolean;
  maxDepth?: number;
  maxDirectories?: number;
}

export type FolderSource = ConfigFileName | 'default' | 'named' | 'glob' | 'root' | 'sub';

export interface DecisionFolder {
  path: string;
  source: FolderSource;
  log4brains: boolean;
}

/** Where a workspace folder keeps its records, found in one walk. */
export interface Discovery {
  root: string;
  decisionFolders: DecisionFolder[];
  /** Runbook collections (`runbooks/`, `alerts/`, …) and the folders of runbooks found elsewhere. */
  runbookFolders: string[];
  /** Folders named like a collection that hold a site's build (Gemfile, publish script): not collections. */
  siteFolders: string[];
  /** Pages an MkDocs or Backstage TechDocs site marks as runbooks by its nav, paths or name (mkdocs.ts). */
  siteRunbooks: Set<string>;
  decisionGlobs: GlobMatcher[];
  runbookGlobs: GlobMatcher[];
  /** What the globs are relative to, when not the root (see DiscoveryOptions.globBase). */
  globBase?: string;
  /** Each configured glob and how many Markdown files of the walk it matched. */
  globs: { glob: string; kind: 'decision' | 'runbook'; files: number }[];
  /** Markdown files seen in the walk (absolute paths). */
  markdownFiles: string[];
  /** Folders the walk listed, and Markdown names in them that are no file (a FIFO, a device): loadRoot lists no folder twice. */
  listed: { folders: Set<string>; special: string[] };
  /** Problems found while walking (unreadable config files). */
  notes: Problem[];
  truncated: boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Folders that hold decision records by convention, matched as a suffix of the relative path. */
export const DEFAULT_DECISION_FOLDERS = [
  'doc/adr',
  'docs/adr',
  'docs/adrs',
  'docs/decisions',
  'docs/architecture/decisions',
  'architecture-decision-record',
  'architecture-decision-records',
];

/**
 * Folder names that hold decision records in many repositories outside the conventions above
 * (`docs/development/architecture/decisions`, `services/x/adr`, …). At any depth, such a folder
 * counts only when it directly contains numbered Markdown files, so a `decisions/` folder of code
 * or prose is not mistaken for records.
 */
const LIKELY_DECISION_FOLDER_NAMES = new Set([
  'adr',
  'adrs',
  'decisions',
  'decision-records',
  'decision-log',
  'architecture-decisions',
  'architectural-decisions',
]);

const SKIP_DIRS = new Set(['node_modules', 'bower_components', 'dist', 'out', 'target', 'vendor', '__pycache__']);

function endsWithFolder(rel: string, suffix: string): boolean {
  return rel === suffix || rel.endsWith(`/${suffix}`);
}

/** True for a folder that holds decision records by convention (relative path). */
export function isDefaultDecisionFolder(rel: string): boolean {
  return DEFAULT_DECISION_FOLDERS.some((suffix) => endsWithFolder(rel, suffix));
}

/** A configured glob, relative to the root: `./ops/*.md` means `ops/*.md`. */
function compileGlob(glob: string): GlobMatcher {
  return globMatcher(glob.trim().replace(/^(?:\.\/)+/, ''));
}

/** The relative paths of a discovery's site folders, per folder list (its length: the walk adds to it). */
const siteRelsOf = new WeakMap<readonly string[], { count: number; rels: string[] }>();

/** The relative paths of a discovery's site folders, for runbookPlace: once per list, not per file. */
export function siteRels(discovery: Discovery): string[] {
  const folders = discovery.siteFolders;
  let known = siteRelsOf.get(folders);
  if (!known || known.count !== folders.length) {
    known = { count: folders.length, rels: folders.map((folder) => relativePath(discovery.root, folder)) };
    siteRelsOf.set(folders, known);
  }
  return known.rels;
}

const CONFIG_FILES: Record<string, FolderSource> = Object.fromEntries(CONFIG_FILE_NAMES.map((name) => [name, name]));

/**
 * Walks `root` once (breadth first, no symlinked folders, bounded depth and count) and applies every
 * convention: config files, default folder names, globs. Never throws for missing folders.
 */
export async function discover(fs: DocsFileSystem, root: string, options: DiscoveryOptions = {}): Promise<Discovery> {
  const result: Discovery = {
    root,
    decisionFolders: [],
    runbookFolders: [],
    siteFolders: [],
    siteRunbooks: new Set(),
    decisionGlobs: (options.decisionGlobs ?? []).map(compileGlob),
    runbookGlobs: (options.runbookGlobs ?? []).map(compileGlob),
    ...(options.globBase && options.globBase !== root && isInside(options.globBase, root)
      ? { globBase: options.globBase }
      : {}),
    globs: [],
    markdownFiles: [],
    listed: { folders: new Set(), special: [] },
    notes: [],
    truncated: false,
  };
  const exclude = new Set([...SKIP_DIRS, ...(options.excludeNames ?? [])]);
  const maxDepth = options.maxDepth ?? 12;
  const maxDirectories = options.maxDirectories ?? 20_000;
  const configs: { path: string; name: string }[] = [];
  const sites: { path: string; name: string }[] = [];
  const queue: { path: string; depth: number }[] = [{ path: root, depth: 0 }];
  const likelyFolders: string[] = [];
  let visited = 0;
  // An index into the queue, not shift(): shifting a 20,000-entry array is quadratic.
  for (let head = 0; head < queue.length; head++) {
    const { path, depth } = queue[head];
    if (++visited > maxDirectories) {
      result.truncated = true;
      result.notes.push({
        path: root,
        line: 0,
        code: 'discovery-truncated',
        severity: 'warning',
        message: `Stopped looking after ${maxDirectories} folders; records in the rest are missing. Exclude large folders (cadence.docs.excludeNames) or open a smaller folder.`,
      });
      break;
    }
    let entries: [string, EntryType][];
    try {
      entries = await fs.readDirectory(path);
    } catch (error) {
      if (!isNotFound(error)) result.notes.push(unlistedFolder(path, error));
      continue;
    }
    const rel = relativePath(root, path);
    if (rel !== '.' && isDefaultDecisionFolder(rel)) addFolder(result, path, 'default', false);
    else if (rel !== '.' && LIKELY_DECISION_FOLDER_NAMES.has(basename(path).toLowerCase())) likelyFolders.push(path);
    // A folder named `runbooks` that holds a site's build (Gemfile, publish script) is a site.
    if (rel !== '.' && isCollectionFolderName(basename(path)) && isSiteBuild(entries.map(([name]) => name))) {
      result.siteFolders.push(path);
    }
    const place = rel === '.' ? undefined : runbookPlace(rel, siteRels(result));
    const collection = place && joinPath(root, place.collection);
    if (collection && !result.runbookFolders.some((f) => isInside(f, collection))) {
      result.runbookFolders.push(collection);
    }
    for (const [name, type] of entries) {
      const child = joinPath(path, name);
      if (type === 'directory') {
        if (name.startsWith('.') || exclude.has(name) || depth >= maxDepth) continue;
        queue.push({ path: child, depth: depth + 1 });
      } else if (type === 'file' || type === 'symlink') {
        if (Object.hasOwn(CONFIG_FILES, name)) configs.push({ path: child, name });
        else if (isMarkdownName(name)) result.markdownFiles.push(child);
        else if (MKDOCS_CONFIGS.has(name) || CATALOG_INFOS.has(name)) sites.push({ path: child, name });
      } else if (isMarkdownName(name)) result.listed.special.push(child);
    }
    result.listed.folders.add(path);
  }
  // The folders records may be read from: the root, and for the CLI the folder holding an
  // `.adr-dir` found above it (adr-tools' own rule). A config file naming a folder outside them
  // (`.adr-dir` with `..`) is reported, never followed: nothing is read or written out there.
  const allowed = [root];
  if (options.searchUpward) {
    for (let dir = dirname(root); dir !== root && dir !== '/' && dir !== '.'; dir = dirname(dir)) {
      const candidate = joinPath(dir, '.adr-dir');
      if (await fs.stat(candidate)) {
        configs.push({ path: candidate, name: '.adr-dir' });
        allowed.push(dir);
        break;
      }
    }
  }
  for (const config of configs) {
    try {
      const within = allowed.find((folder) => isInside(folder, config.path)) ?? root;
      const text = await fs.readFile(config.path, within);
      const { folders, log4brains } = configFolders(config.name, text);
      const outside: string[] = [];
      for (const folder of folders) {
        const path = joinPath(dirname(config.path), folder);
        if (allowed.some((inside) => isInside(inside, path)))
          addFolder(result, path, CONFIG_FILES[config.name], log4brains);
        else outside.push(folder);
      }
      // One problem per file (the index keeps one note a file), naming every folder outside.
      if (outside.length > 0) result.notes.push(outsideFolder(config, ...outside));
    } catch (error) {
      result.notes.push({
        path: config.path,
        line: 0,
        code: 'unreadable-file',
        severity: 'warning',
        message: `Cannot read ${config.name} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); fix it so its folder is found.`,
      });
    }
  }
  await readSites(fs, result, sites);
  // Folders holding numbered records, from one pass over the files (not folders × files).
  const numbered = new Set<string>();
  for (const file of result.markdownFiles) {
    if (numberFromFileName(basename(file)) !== undefined) numbered.add(dirname(file));
  }
  const hasNumberedRecords = (folder: string): boolean => numbered.has(folder);
  for (const folder of likelyFolders) {
    if (!result.decisionFolders.some((known) => isInside(known.path, folder)) && hasNumberedRecords(folder)) {
      addFolder(result, folder, 'named', false);
    }
  }
  // A folder handed to the CLI that is itself a folder of numbered records.
  if (result.decisionFolders.length === 0 && hasNumberedRecords(root)) addFolder(result, root, 'root', false);
  // Numbered records up to two folders below a decision folder (`adr/archive/`, `adr/backend/2019/`):
  // their own folder (categories number apart), reading the parent's numbers (crossFile.ts).
  for (const parent of [...result.decisionFolders]) {
    for (const folder of numbered) {
      const below = folder.startsWith(`${parent.path}/`) ? folder.slice(parent.path.length + 1).split('/') : [];
      if (below.length === 1 || below.length === 2) addFolder(result, folder, 'sub', parent.log4brains);
    }
  }
  // A glob that matches nothing is said, not silent (the CLI's JSON and the extension's log).
  const count = (glob: string, kind: 'decision' | 'runbook'): void => {
    const re = compileGlob(glob);
    const files = result.markdownFiles.filter((file) => re.test(relativePath(result.globBase ?? root, file))).length;
    result.globs.push({ glob, kind, files });
  };
  // Each glob once: the same glob given twice matches the same files, not twice as many.
  for (const glob of new Set(options.decisionGlobs)) count(glob, 'decision');
  for (const glob of new Set(options.runbookGlobs)) count(glob, 'runbook');
  return result;
}

/**
 * MkDocs sites (mkdocs.yml) and Backstage TechDocs sites (catalog-info.yaml naming `dir:<folder>`,
 * MkDocs' defaults without a mkdocs.yml there): their runbook pages, into `result.siteRunbooks`.
 */
async function readSites(
  fs: DocsFileSystem,
  result: Discovery,
  files: { path: string; name: string }[],
): Promise<void> {
  const mkdocs = new Set(files.filter((f) => MKDOCS_CONFIGS.has(f.name)).map((f) => dirname(f.path)));
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file.path, result.root);
    } catch (error) {
      result.notes.push(unreadableSite(file, error instanceof Error ? error.message.split('\n')[0] : String(error)));
      continue;
    }
    let folder = dirname(file.path);
    let config = DEFAULT_SITE;
    if (MKDOCS_CONFIGS.has(file.name)) {
      config = readMkdocsConfig(text);
      if (config.error) result.notes.push(unreadableSite(file, config.error));
    } else {
      const dir = techDocsDir(text);
      if (dir === undefined) continue;
      folder = joinPath(folder, dir);
      // Its own mkdocs.yml, found in the walk, says more.
      if (mkdocs.has(folder)) continue;
      if (!isInside(result.root, folder)) {
        result.notes.push(outsideFolder(file, dir));
        continue;
      }
    }
    if (!isInside(result.root, joinPath(folder, config.docsDir))) {
      result.notes.push(outsideFolder(file, config.docsDir));
      continue;
    }
    for (const page of siteRunbooks(folder, config, result.markdownFiles)) result.siteRunbooks.add(page);
  }
}

function unreadableSite(file: { path: string; name: string }, reason: string): Problem {
  return {
    path: file.path,
    line: 0,
    code: 'unreadable-file',
    severity: 'warning',
    message: `Cannot read ${file.name} (${reason}); its site's runbooks are found by folder and front matter only.`,
  };
}

function outsideFolder(config: { path: string; name: string }, ...folders: string[]): Problem {
  const names = folders.map((folder) => JSON.stringify(folder));
  const named =
    names.length === 1
      ? `${names[0]}, a folder`
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}, folders`;
  return {
    path: config.path,
    line: 0,
    code: 'outside-workspace',
    severity: 'warning',
    message: `${config.name} names ${named} outside the workspace folder: Cadence neither reads nor creates records there. Name ${names.length === 1 ? 'a folder' : 'folders'} inside it.`,
  };
}

/** True for "nothing there" errors (Node's ENOENT, VS Code's FileNotFound): a race, not a failure. */
export function isNotFound(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return code === 'ENOENT' || code === 'FileNotFound' || code === 'EntryNotFound';
}

/** The problem for a folder that exists but cannot be listed (permissions, not a folder). */
export function unlistedFolder(path: string, error: unknown): Problem {
  return {
    path,
    line: 0,
    code: 'unreadable-folder',
    severity: 'warning',
    message: `Cannot list this folder (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); records in it are missing.`,
  };
}

/** Adds a decision folder, or upgrades how a known one was found (a config file names a default folder). */
export function addFolder(result: Discovery, path: string, source: FolderSource, log4brains: boolean): void {
  const existing = result.decisionFolders.find((folder) => folder.path === path);
  if (existing) {
    existing.log4brains ||= log4brains;
    if ((existing.source === 'default' || existing.source === 'named') && source !== 'sub') existing.source = source;
    return;
  }
  result.decisionFolders.push({ path, source, log4brains });
}

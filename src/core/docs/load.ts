/** Filling a DocsIndex from a file system: one file, or a whole root (the cold start). */
import {
  type DocsFileSystem,
  type Discovery,
  type DiscoveryOptions,
  DEFAULT_MAX_FILE_BYTES,
  discover,
  isNotFound,
  unlistedFolder,
} from './discovery';
import { classify } from './classify';
import type { DocsIndex } from './docsIndex';
import type { Problem } from './types';
import { dirname, isInside, joinPath } from './paths';
import { isMarkdownName } from './markdownNames';
import { mayBeRunbookByFrontMatter } from './runbooks';

export interface LoadOptions extends DiscoveryOptions {
  maxFileBytes?: number;
}

/** The note for a file (or open document) over the size limit: listed, never parsed. */
export function tooLargeNote(path: string, size: number, maxFileBytes: number): Problem {
  return {
    path,
    line: 0,
    code: 'file-too-large',
    severity: 'info',
    message: `Skipped: ${Math.round(size / 1024)} KiB is over the ${Math.round(maxFileBytes / 1024)} KiB limit for decision records and runbooks.`,
  };
}

/** Reads a file for the index, turning size, binary content and read errors into notes. */
export async function indexFile(
  fs: DocsFileSystem,
  index: DocsIndex,
  discovery: Discovery,
  path: string,
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<void> {
  const kind = classify(discovery, path);
  if (!kind) {
    index.remove(path);
    return;
  }
  try {
    const read = await fs.readText(path, maxFileBytes, discovery.root);
    if (read === undefined) {
      index.remove(path);
      return;
    }
    if (typeof read === 'object' && 'skipped' in read) {
      index.setNote({
        path,
        line: 0,
        code: read.skipped,
        severity: 'warning',
        message: `Skipped: ${read.reason}. Cadence reads only regular files inside the workspace.`,
      });
      return;
    }
    if (typeof read === 'object' && 'size' in read) {
      index.setNote(tooLargeNote(path, read.size, maxFileBytes));
      return;
    }
    const text = typeof read === 'string' ? read : read.text;
    // Any Markdown file may be a runbook by its front matter; most are not, and are not parsed.
    if (kind.kind === 'runbook' && kind.evidence === 'candidate' && !mayBeRunbookByFrontMatter(text)) {
      index.remove(path);
      return;
    }
    if (text.slice(0, 8000).includes('\u0000')) {
      index.setNote({
        path,
        line: 0,
        code: 'binary-file',
        severity: 'info',
        message: 'Skipped: this file is binary, not Markdown text.',
      });
      return;
    }
    const indexed =
      kind.kind === 'decision'
        ? index.setDecision(path, text, kind.folder, kind.log4brains)
        : index.setRunbook(path, text, kind.folder, kind);
    if (typeof read === 'object' && (kind.kind === 'decision' || indexed)) {
      index.addReadNote({
        path,
        line: 0,
        code: 'not-utf8',
        severity: 'warning',
        message: `This file is not UTF-8; it was read as ${read.encoding}. Save it as UTF-8 so every editor shows the same text.`,
      });
    }
  } catch (error) {
    index.setNote({
      path,
      line: 0,
      code: 'unreadable-file',
      severity: 'warning',
      message: `Cannot read this file (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
    });
  }
}

/** Discovers and indexes one root: the cold start shared by the extension, the server and the CLI. */
export async function loadRoot(
  fs: DocsFileSystem,
  index: DocsIndex,
  root: string,
  options: LoadOptions = {},
): Promise<Discovery> {
  const discovery = await discover(fs, root, options);
  // A FIFO or device named like Markdown is classified as a file would be, then refused with a
  // problem when read (not-a-file): in a decision folder, a runbook collection or anywhere.
  const files = new Set([...discovery.markdownFiles, ...discovery.listed.special]);
  // Folders named by config files may lie outside the walk (a dot-folder, a parent of the root); a
  // folder the walk listed is not listed again.
  for (const folder of discovery.decisionFolders) {
    if (discovery.listed.folders.has(folder.path)) continue;
    try {
      for (const [name, type] of await fs.readDirectory(folder.path)) {
        if (type !== 'directory' && isMarkdownName(name)) files.add(joinPath(folder.path, name));
      }
    } catch (error) {
      // A configured folder that does not exist yet has nothing to index; any other failure is said.
      if (!isNotFound(error) && !discovery.notes.some((n) => n.path === folder.path))
        discovery.notes.push(unlistedFolder(folder.path, error));
    }
  }
  // Unreadable config files, unlisted folders, a walk cut short: problems, never silence.
  for (const note of discovery.notes) index.setNote(note);
  const paths = [...files];
  // Bounded concurrency: fast on big folders without opening thousands of files at once.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) await indexFile(fs, index, discovery, paths[next++], options.maxFileBytes);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  // Runbooks found by their front matter outside any collection: their folders get git dates too.
  for (const runbook of index.runbooks()) {
    const folder = dirname(runbook.path);
    if (isInside(root, folder) && !discovery.runbookFolders.some((f) => isInside(f, folder)))
      discovery.runbookFolders.push(folder);
  }
  return discovery;
}

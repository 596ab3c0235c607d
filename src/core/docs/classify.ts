// What a Markdown file is (a decision record of a folder, a runbook and on what evidence, or
// neither), by the rules a discovery found: per file, on every index and every file change.
import { type Discovery, addFolder, isDefaultDecisionFolder, siteRels } from './discovery';
import { isMarkdownName } from './markdownNames';
import { isSkippedDecisionFile } from './names';
import { basename, dirname, isInside, joinPath, relativePath } from './paths';
import { isIndexPage, isMetaPage, runbookPlace } from './runbooks';
import type { RunbookEvidence } from './types';

/** Folders (and their ancestors) holding a Markdown page other than their own index pages, per file list. */
const pageFolders = new WeakMap<readonly string[], { count: number; folders: Set<string> }>();

/** True when `folder` holds, at any depth, a Markdown page other than its own index pages. */
function holdsOtherPages(discovery: Discovery, folder: string): boolean {
  const files = discovery.markdownFiles;
  let known = pageFolders.get(files);
  if (!known || known.count !== files.length) {
    known = { count: files.length, folders: new Set() };
    for (const file of files) {
      // An index page is a page of the folders above its own (`fix-app/index.html.md` of `kubernetes/`).
      const first = isIndexPage(basename(file)) ? dirname(dirname(file)) : dirname(file);
      for (let dir = first; dir !== '.' && dir !== '/' && !known.folders.has(dir); dir = dirname(dir)) {
        known.folders.add(dir);
      }
    }
    pageFolders.set(files, known);
  }
  return known.folders.has(folder);
}

export type Classification =
  | { kind: 'decision'; folder: string; log4brains: boolean }
  | {
      kind: 'runbook';
      folder: string;
      /** `candidate`: a runbook only if its front matter says so (read it to know). */
      evidence: RunbookEvidence | 'candidate';
      collection?: string;
    }
  | undefined;

/**
 * What a Markdown file is, by the discovered rules. A file created in a conventional folder that did
 * not exist at discovery time (the first record) adds that folder.
 */
export function classify(discovery: Discovery, path: string): Classification {
  if (!isMarkdownName(path) || !isInside(discovery.root, path)) return undefined;
  const name = basename(path);
  const folderPath = dirname(path);
  /** Relative to what the globs are relative to. */
  const rel = relativePath(discovery.globBase ?? discovery.root, path);
  let folder = discovery.decisionFolders.find((f) => f.path === folderPath);
  if (!folder && isDefaultDecisionFolder(relativePath(discovery.root, folderPath))) {
    addFolder(discovery, folderPath, 'default', false);
    folder = discovery.decisionFolders.find((f) => f.path === folderPath);
  }
  if (folder && !isSkippedDecisionFile(name))
    return { kind: 'decision', folder: folder.path, log4brains: folder.log4brains };
  if (!folder && discovery.decisionGlobs.some((re) => re.test(rel)) && !isSkippedDecisionFile(name)) {
    return { kind: 'decision', folder: folderPath, log4brains: false };
  }
  // A collection's own index is not a runbook; the index page of a page folder (`fix-app/index.html.md`
  // alone in its folder) is the page itself, classified as any other.
  if (folder || (isIndexPage(name) && holdsOtherPages(discovery, folderPath))) return undefined;
  const place = runbookPlace(relativePath(discovery.root, folderPath), siteRels(discovery));
  const collection = place && joinPath(discovery.root, place.collection);
  const globbed = discovery.runbookGlobs.some((re) => re.test(rel));
  // A runbooks/ folder settles it; a glob makes any file a runbook, and so does an MkDocs site's nav;
  // an alerts/ file counts while its collection follows the alert convention; anything else only by
  // its front matter. A change log, licence or glossary counts only by its front matter, anywhere.
  const evidence = isMetaPage(name)
    ? ('candidate' as const)
    : place?.evidence === 'folder'
      ? 'folder'
      : globbed
        ? 'glob'
        : discovery.siteRunbooks.has(path)
          ? 'site'
          : place
            ? 'alerts'
            : ('candidate' as const);
  return { kind: 'runbook', folder: folderPath, evidence, ...(collection ? { collection } : {}) };
}

/**
 * The documentation duty in the weekly draft: which docs you changed in the window, and how many duty
 * items those edits closed. "Closed" is measured against the list as it would read today had your
 * edits not been made: the duty items of each doc you changed, computed from its text before your
 * first commit of the window (with the same repository evidence as today), that its current text no
 * longer has. Pure: the node layer reads the window's log and the earlier texts.
 */
import type { DutyItem } from './duty';

/** One commit of the window's log (`%H %aE %at` and the files it touched). */
export interface WindowCommit {
  sha: string;
  /** The author's address after `.mailmap`, lower case. */
  email: string;
  /** Author date, epoch ms. */
  authorDate: number;
  files: string[];
}

/** Parses `git log --format=%x1e%H%x1f%aE%x1f%at --name-only` output (newest first). */
export function parseWindowLog(out: string): WindowCommit[] {
  const commits: WindowCommit[] = [];
  for (const chunk of out.split('\x1e').slice(1)) {
    const [header, ...files] = chunk.split('\n');
    const [sha, email, at] = header.split('\x1f');
    if (!sha || email === undefined || !at) continue;
    commits.push({
      sha,
      email: email.toLowerCase(),
      authorDate: Number(at) * 1000,
      files: files.filter((file) => file.length > 0),
    });
  }
  return commits;
}

export interface DocChanges {
  /** Docs (repository-relative) changed by one of your commits authored in the window, sorted. */
  changed: string[];
  /** Those commits (full shas). */
  shas: Set<string>;
  /** Per changed doc, your first commit of the window that touched it (its text before is "before"). */
  first: Map<string, string>;
}

/** Your doc changes among `commits` (newest first) authored in [start, end). */
export function docChanges(
  commits: readonly WindowCommit[],
  window: { start: number; end: number },
  isMine: (email: string) => boolean,
  isDoc: (path: string) => boolean,
): DocChanges {
  const first = new Map<string, string>();
  const shas = new Set<string>();
  for (const commit of commits) {
    if (commit.authorDate < window.start || commit.authorDate >= window.end || !isMine(commit.email)) continue;
    const docs = commit.files.filter(isDoc);
    if (docs.length === 0) continue;
    shas.add(commit.sha);
    // Newest first: the last one seen is the earliest.
    for (const doc of docs) first.set(doc, commit.sha);
  }
  return { changed: [...first.keys()].sort(), shas, first };
}

/**
 * What makes two items "the same" across two versions of one doc: its kind and what it is about,
 * never its line (an edit above it moves it) nor a count or age in its message.
 */
export function itemKey(item: DutyItem): string {
  switch (item.kind) {
    case 'broken-path':
      return `${item.path}\u0000${item.kind}\u0000${item.target ?? ''}`;
    case 'problem':
    case 'missing-section':
      return `${item.path}\u0000${item.kind}\u0000${item.code ?? ''}\u0000${item.message}`;
    default:
      return `${item.path}\u0000${item.kind}`;
  }
}

/** How many of `before` are not in `after` (as multisets of `itemKey`). */
export function countFixed(before: readonly DutyItem[], after: readonly DutyItem[]): number {
  const left = new Map<string, number>();
  for (const item of after) left.set(itemKey(item), (left.get(itemKey(item)) ?? 0) + 1);
  let fixed = 0;
  for (const item of before) {
    const key = itemKey(item);
    const count = left.get(key) ?? 0;
    if (count > 0) left.set(key, count - 1);
    else fixed++;
  }
  return fixed;
}

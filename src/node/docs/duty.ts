// The documentation duty of one folder over Node's fs and git: the same core the tree, the
// language server and the CLI use. A fixed number of git calls for the whole repository.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../core/clock';
import type { Discovery, DiscoveryOptions } from '../../core/docs/discovery';
import { type DutyItem, type DutySettings, type GuideView, dutyItems, guideViews } from '../../core/docs/duty';
import { type Guide, findGuides } from '../../core/docs/guides';
import { existingRefs } from '../../core/docs/history';
import { DocsIndex, loadRoot } from '../../core/docs/index';
import { type PathRef, readPathRefs } from '../../core/docs/pathRefs';
import { isoDay } from '../../core/docs/dates';
import { relativePath } from '../../core/docs/paths';
import { type DocsHistory, gitRepository, readDocsHistory } from './history';

/** Docs (repository-relative) read as they were before some commits: see `HistoryWithout`. */
export interface WithoutEdits {
  docs: ReadonlySet<string>;
  /** The path references of those docs' earlier text. */
  refs: ReadonlyMap<string, readonly PathRef[]>;
  /** The commits (full shas) to leave out as changes of those docs. */
  ignore: ReadonlySet<string>;
}
import { nodeFileSystem } from './nodeFileSystem';

export interface DutyOptions extends DiscoveryOptions {
  clock: Clock;
  settings?: Partial<DutySettings>;
  guideGlobs?: string[];
  runbookReviewDays?: number;
  /** `cadence.docs.runbookSections`: sections runbooks outside alert collections must have. */
  runbookSections?: string[];
  /** Read no git (untrusted folders, `--no-git`). */
  git?: boolean;
  maxCommits?: number;
  /** The git executable (tests count its calls through a wrapper). */
  gitPath?: string;
  /** Also read the history of some docs without some commits (the weekly draft's "fixed" count). */
  withoutEdits?: WithoutEdits;
}

export interface DutyReport {
  /** The folder asked about ('/'-separated, absolute). */
  folder: string;
  /** The repository root references are resolved against (the folder without git). */
  root: string;
  index: DocsIndex;
  discovery: Discovery;
  guides: GuideView[];
  refs: Map<string, PathRef[]>;
  items: DutyItem[];
  /** Undefined without git. */
  evidence?: DocsHistory;
  /** True when a repository-relative path (a folder when it ends in '/') is there now. */
  exists(path: string): boolean;
  /** A shallow clone: the history was not read (no drift, renames or ages); say so. */
  shallow: boolean;
}

/**
 * The one line said when a shallow clone's history is left out; `subject` names the clone (the CLI:
 * its path; the Guides view: "This repository", or its name among several).
 */
export function shallowNote(subject: string): string {
  return `${subject} is a shallow clone: drift, renames and ages need the whole history and are left out (git fetch --unshallow)`;
}

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** Everything on the duty list for `folder` (absolute, '/'-separated). */
export async function buildDuty(folder: string, options: DutyOptions): Promise<DutyReport> {
  const index = new DocsIndex({
    clock: options.clock,
    runbookReviewDays: options.runbookReviewDays,
    runbookSections: options.runbookSections,
  });
  const discovery = await loadRoot(nodeFileSystem, index, folder, { searchUpward: true, ...options });
  const guides: Guide[] = await findGuides(nodeFileSystem, folder, {
    guideGlobs: options.guideGlobs,
    excludeNames: options.excludeNames,
  });
  const repository = options.git === false ? undefined : await gitRepository(folder, options.gitPath);
  const top = repository?.top;
  const root = top ? toPosix(top) : folder;
  const docs = [
    ...new Set([
      ...index.decisions().map((d) => d.path),
      ...index.runbooks().map((r) => r.path),
      ...guides.map((g) => g.path),
    ]),
  ];
  const refs = await readPathRefs(nodeFileSystem, root, docs, options.maxFileBytes);
  const known = new Map<string, boolean>();
  const exists = (rel: string): boolean => {
    let found = known.get(rel);
    if (found === undefined) {
      found = existsSync(path.join(root, rel));
      known.set(rel, found);
    }
    return found;
  };
  let evidence: DocsHistory | undefined;
  // A shallow clone's history starts at its cut: every doc would seem changed then, nothing renamed.
  if (top && !repository.shallow) {
    const byRel = new Map([...refs].map(([doc, list]) => [relativePath(root, doc), list]));
    evidence = await readDocsHistory(
      top,
      new Set(docs.map((d) => relativePath(root, d))),
      existingRefs(byRel, exists),
      {
        maxCommits: options.maxCommits,
        gitPath: options.gitPath,
        without: options.withoutEdits && {
          docs: options.withoutEdits.docs,
          refs: existingRefs(options.withoutEdits.refs, exists),
          ignore: options.withoutEdits.ignore,
        },
      },
    );
    if (evidence) {
      // The runbooks' review fallback comes from the same log: no extra git call.
      index.setLastChanges(
        new Map([...evidence.history.lastChange].map(([rel, time]) => [`${root}/${rel}`, isoDay(time)])),
      );
    }
  }
  const items = dutyItems({
    root,
    index,
    guides,
    refs,
    exists,
    history: evidence?.history,
    renames: evidence?.renames,
    settings: options.settings,
    clock: options.clock,
  });
  return {
    folder,
    root,
    index,
    discovery,
    guides: guideViews(guides, root, evidence?.history, options.clock, options.settings),
    refs,
    items,
    evidence,
    exists,
    shallow: repository?.shallow ?? false,
  };
}

// The one entry point the CLI and the extension share: snapshot the repositories (a few at a time),
// then hand everything to the pure draft builder.
import { buildDraft, type DraftInput, RECENT_DAYS } from '../../core/weekly/draft';
import type { GithubStatus, RepoSnapshot, WeeklyDraft } from '../../core/weekly/model';
import { addGithub, type GithubDraftOptions } from '../github/draftGithub';
import { type GitOptions, snapshotRepo } from './git';
import { distinctRepos, repoNames } from './repos';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CONCURRENCY = 4;

export interface DraftRequest extends Omit<DraftInput, 'repos'>, GitOptions {
  /** Repository roots, in display order. */
  roots: string[];
  /** Cadence's own files (saved updates), never counted as uncommitted work. */
  isOwnFile?: (path: string) => boolean;
  /** Called after each repository is read. */
  onProgress?: (done: number, total: number, name: string) => void;
  /** Also read the week from GitHub (a failure leaves the local draft and one line). */
  github?: Omit<GithubDraftOptions, 'now' | 'hiddenTypes' | 'includeHidden' | 'signal'>;
  /** Why GitHub is not asked (the editor has no session): said at the draft's top. */
  githubUnavailable?: GithubStatus;
}

/**
 * The committer-date lower bound handed to `git log`: the window's start minus an hour of slack (a
 * commit is committed after it is authored; the hour covers clock skew between machines). Older
 * branch tips come from the refs instead, so the log walks no more than the window needs.
 */
export function logSince(windowStart: number): number {
  return windowStart - HOUR;
}

/** Reads every repository and builds the draft. */
export async function draftFromRepos(request: DraftRequest): Promise<WeeklyDraft> {
  // A linked worktree or a second path of a repository already listed adds nothing but its commits
  // twice: each repository is read once, through the first path that names it.
  const roots = await distinctRepos(request.roots);
  const names = repoNames(roots);
  const since = logSince(request.window.start);
  const recentSince = request.now - RECENT_DAYS * DAY;
  const snapshots: RepoSnapshot[] = new Array<RepoSnapshot>(roots.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < roots.length) {
      const index = next++;
      request.signal?.throwIfAborted();
      snapshots[index] = await snapshotRepo(roots[index], {
        gitPath: request.gitPath,
        signal: request.signal,
        since,
        recentSince,
        window: request.window,
        name: names[index],
        isOwnFile: request.isOwnFile,
        // A window that ended before now leaves the work tree out of the draft: no `git status`.
        workTree: request.window.end > request.now,
      });
      done++;
      request.onProgress?.(done, roots.length, names[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, roots.length) }, worker));
  const draft = buildDraft({ ...request, repos: snapshots });
  if (!request.github) return request.githubUnavailable ? { ...draft, github: request.githubUnavailable } : draft;
  return addGithub(draft, snapshots, {
    ...request.github,
    now: request.now,
    hiddenTypes: request.hiddenTypes,
    includeHidden: request.includeHidden,
    signal: request.signal,
  });
}

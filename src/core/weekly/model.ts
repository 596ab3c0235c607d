// The weekly update's data model: what the node layer reads from git (RawCommit, RepoSnapshot) and
// what the draft builder produces (WeeklyDraft). Every renderer (Markdown, Slack, text, JSON,
// user templates) reads the same WeeklyDraft.

/** Focus history for the window, as the focus feature summarizes it; `null` when there is none. */
export type { FocusSummary } from '../focus/history';
import type { FocusSummary } from '../focus/history';

/** One commit as read from `git log`. Dates are epoch milliseconds. */
export interface RawCommit {
  sha: string;
  parents: string[];
  /** Tree hash: lets a squash-merged branch be recognised by its tip's tree. */
  tree: string;
  authorName: string;
  authorEmail: string;
  authorDate: number;
  committerEmail: string;
  committerDate: number;
  subject: string;
  body: string;
}

/** A local branch (`refs/heads/*`) and its tip commit (from `git for-each-ref`). */
export interface BranchInfo {
  name: string;
  tip: string;
  tipAuthorName: string;
  tipAuthorEmail: string;
  tipAuthorDate: number;
  tipSubject: string;
  /**
   * Whether the tip is merged into the default branch, checked by git only for branches whose tip
   * is older than the fetched commits but authored in the recent span (null otherwise: the core walks
   * the fetched graph, and an older tip is not in progress whether merged or not).
   */
  merged: boolean | null;
}

/** Everything the draft needs from one repository, gathered by the node layer. */
export interface RepoSnapshot {
  /** Absolute path of the work tree. */
  path: string;
  /** Short display name (the folder name, made unique by the caller when needed). */
  name: string;
  /** `user.email` of this repository, when set. */
  userEmail: string | null;
  /** Text of the repository's `.mailmap`, when present. */
  mailmap: string | null;
  /** Why a `.mailmap` that is there was not read ("it is a named pipe, not a regular file"). */
  mailmapProblem?: string;
  /** Web URL of the main remote (`https://github.com/o/r`), when there is one. */
  webUrl: string | null;
  /** URLs of the `origin` and `upstream` remotes (a fork has both), origin first; else the first remote. */
  remoteUrls?: string[];
  /** Default branch name (`main`), or null when it cannot be told. */
  defaultBranch: string | null;
  /** Tip of the default branch as published (`origin/HEAD`'s target) or local; null if unknown. */
  defaultTip: string | null;
  /** Current branch; null on a detached HEAD. */
  currentBranch: string | null;
  /** Commit HEAD points at (null in an empty repository). */
  head: string | null;
  shallow: boolean;
  /** Number of changed paths in the work tree and index (`git status --porcelain`). */
  uncommitted: number;
  stashes: number;
  branches: BranchInfo[];
  /**
   * Commits of the default branch, local branches and HEAD committed since the window's start (minus
   * a day of slack), newest first: a superset of the window by author date.
   */
  commits: RawCommit[];
  /** Stable patch ids of the candidate duplicates (sha → patch-id), computed by `git patch-id`. */
  patchIds: Record<string, string>;
  /**
   * Patch ids of the reverts' diffs reversed (sha → id): equal to the reverted commit's patch id,
   * so a revert pairs with its original even when the sha it names was rewritten by a rebase.
   */
  inversePatchIds?: Record<string, string>;
}

/** A half-open time interval [start, end) in epoch milliseconds, with the zone it was computed in. */
export interface TimeWindow {
  start: number;
  end: number;
  timeZone: string;
  /** "Week 47 · Mon 16 – Sun 22 Nov 2026 · Europe/Berlin" */
  label: string;
  /** "2026-W47" for calendar weeks, "2026-11-16--2026-11-25" for other ranges: the saved file name. */
  id: string;
  kind: 'week' | 'range';
}

/** One shipped change: one bullet. */
export interface ShippedItem {
  title: string;
  type: string | null;
  scope: string | null;
  breaking: boolean;
  repo: string;
  commits: string[];
  pr: number | null;
  /** The commit that names the change (the first real one; fixups and WIP follow it). */
  sha: string;
  /** Link to the PR when known, else to the (last) commit, when the repo has a web URL. */
  url: string | null;
  /** Credited through a Co-authored-by trailer rather than as the author. */
  coAuthored: boolean;
  /** A revert of a change outside the window. */
  revert: boolean;
  authorDate: number;
  /** A merged GitHub PR: `owner/name#12`. */
  ref?: string;
  /** When the PR was merged (epoch ms). */
  mergedAt?: number;
  /** Issues the PR closed in the window (`owner/name#88`). */
  closes?: string[];
}

/**
 * Evidence for "In progress / next week". `unpushed`: my commits on the local default branch that
 * its published copy (origin/HEAD) does not have yet.
 */
export interface InProgressItem {
  kind:
    | 'branch'
    | 'current'
    | 'detached'
    | 'uncommitted'
    | 'stash'
    | 'unpushed'
    | 'pr'
    | 'draft-pr'
    | 'review-request'
    | 'issue';
  title: string;
  repo: string;
  branch: string | null;
  commits: string[];
  url: string | null;
  /** GitHub items: `owner/name#12`. */
  ref?: string;
  /** Assigned issues: their milestone, if any. */
  milestone?: { title: string; dueOn: string | null } | null;
}

/** Why GitHub suggests a blocker (kebab-case, like the project's problem codes). */
export type BlockerReason =
  'changes-requested' | 'failing-check' | 'merge-conflict' | 'no-reviewer' | 'blocked-label' | 'waiting-on-pr';

/** A suggested blocker: the user confirms or deletes it. */
export interface BlockerItem {
  title: string;
  repo: string;
  evidence: string;
  /** From GitHub: the PR, its page and why it looks blocked. */
  ref?: string;
  url?: string;
  reason?: BlockerReason;
}

/** A PR of someone else that the user reviewed in the window. */
export interface ReviewItem {
  ref: string;
  title: string;
  author: string;
  url: string;
  /** Every review the user submitted on it in the window, in order. */
  states: string[];
  /** ISO time of the last of them. */
  submittedAt: string;
}

/** An issue closed by one of the user's PRs merged in the window. */
export interface ClosedIssue {
  ref: string;
  title: string;
  url: string;
  closedAt: string;
  /** The PR that closed it: `owner/name#12`. */
  by: string;
}

/** Whether GitHub evidence is in the draft, and if not, why. */
export interface GithubStatus {
  status: 'ok' | 'off' | 'signed-out' | 'unauthorized' | 'rate-limited' | 'offline' | 'error';
  user: string | null;
  message: string | null;
}

/** Last week's "next" bullets and whether each shipped this week. */
export interface PlanCheck {
  item: string;
  shipped: string | null;
  /** Not shipped, but still in progress (its branch or its words match an In progress item). */
  ongoing: boolean;
}

/**
 * The documentation duty in the window, when a repository of the draft has a team file
 * (`.cadence/team.yml`): see src/core/docs/dutyWeek.ts and README "Documentation duty".
 */
export interface DocumentationEvidence {
  /** You are the person on duty in the window (in at least one repository). */
  onDuty: boolean;
  /** Docs you changed in the window, repository-relative ("repo/path" when the draft has several). */
  changed: string[];
  /** Duty items your doc edits closed; null when you are not on duty. */
  fixed: number | null;
  /** The duty list as it would be without those edits: fixed plus open now; null when not on duty. */
  items: number | null;
}

export interface RepoSummary {
  name: string;
  path: string;
  webUrl: string | null;
  branch: string | null;
  shallow: boolean;
}

/** The draft: one model, several renderers. */
export interface WeeklyDraft {
  window: TimeWindow;
  identities: string[];
  repos: RepoSummary[];
  shipped: ShippedItem[];
  /** Shipped items hidden by type (chore, ci, …) — counted in the footer. */
  hidden: ShippedItem[];
  inProgress: InProgressItem[];
  blockers: BlockerItem[];
  focus: FocusSummary | null;
  summary: string;
  /** Warnings to print in the draft (shallow clone, …). */
  notes: string[];
  /** Last week's plan vs this week's shipped changes; null when no previous update was found. */
  lastWeek: PlanCheck[] | null;
  /** Changes authored outside the configured work days. */
  offDays: number;
  /** GitHub: whether it was used; reviews given and issues closed (empty without GitHub). */
  github: GithubStatus;
  reviews: ReviewItem[];
  issuesClosed: ClosedIssue[];
  /** Null (or absent) when no repository of the draft has a team file. */
  documentation?: DocumentationEvidence | null;
}

// Folds GitHub evidence into a draft built from local git. Pure: same draft and evidence, same result.
// Shipped: the user's PRs merged in the window (by merged_at), each one bullet absorbing the local
// commits it contains. Reviews given by submitted_at. Issues closed by those PRs. Next week: open
// PRs, review requests, assigned issues by milestone due date. Blockers with their evidence.
import { classify, sentenceCase } from './classify';
import { DEFAULT_HIDDEN_TYPES } from './draft';
import { shortSha } from './fold';
import {
  DEFAULT_BLOCKED_LABELS,
  DEFAULT_REVIEW_WAIT_HOURS,
  type GhOpenPull,
  type GhPull,
  type GithubEvidence,
  closingRefs,
  githubRepoOf,
} from './github';
import type { BlockerItem, ClosedIssue, InProgressItem, ReviewItem, ShippedItem, WeeklyDraft } from './model';
import { summarize } from './summary';
import { shortDate } from './window';

const HOUR = 3_600_000;

export interface GithubDraftOptions {
  now: number;
  /** Each local repository's remote URLs (origin first), by the draft's repo name. */
  remotes: Record<string, string[]>;
  reviewWaitHours?: number;
  blockedLabels?: string[];
  hiddenTypes?: string[];
  includeHidden?: boolean;
}

/** Review states that say something about a PR's readiness (COMMENTED and PENDING do not). */
const VERDICTS = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);
/** Check-run conclusions that fail a PR; neutral, skipped, success and pending runs do not. */
const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

const iso = (ms: number) => new Date(ms).toISOString();
const refOf = (pull: { repo: string; number: number }) => `${pull.repo}#${pull.number}`;

/** Reviewers whose latest verdict (COMMENTED and pending reviews aside) is CHANGES_REQUESTED. */
export function changesRequestedBy(
  reviews: readonly { user: string; state: string; submittedAt: number | null }[],
): string[] {
  const latest = new Map<string, string>();
  const ordered = reviews
    .filter((r) => r.submittedAt !== null && VERDICTS.has(r.state))
    .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0));
  for (const review of ordered) latest.set(review.user, review.state);
  return [...latest].filter(([, state]) => state === 'CHANGES_REQUESTED').map(([user]) => user);
}

/** The failing checks and statuses of a head commit, by name. */
export function failingChecks(open: Pick<GhOpenPull, 'checks' | 'statuses'>): string[] {
  const failed = open.checks
    .filter((run) => run.status === 'completed' && run.conclusion !== null && FAILED_CONCLUSIONS.has(run.conclusion))
    .map((run) => run.name);
  for (const status of open.statuses)
    if ((status.state === 'failure' || status.state === 'error') && !failed.includes(status.context))
      failed.push(status.context);
  return failed;
}

/** Blockers of the user's open PRs, each with its evidence. */
export function githubBlockers(
  open: readonly GhOpenPull[],
  repoName: (repo: string) => string,
  options: { now: number; reviewWaitHours: number; blockedLabels: readonly string[]; login: string; timeZone: string },
): BlockerItem[] {
  const blockers: BlockerItem[] = [];
  const labels = new Set(options.blockedLabels.map((label) => label.toLowerCase()));
  for (const item of open) {
    const { pull } = item;
    const base = { repo: repoName(pull.repo), ref: refOf(pull), url: pull.url };
    const name = `#${pull.number} “${pull.title}”`;
    const add = (reason: BlockerItem['reason'], title: string, evidence: string) =>
      blockers.push({ title, ...base, evidence, reason });
    const reviews = item.reviews.filter((r) => r.user.toLowerCase() !== options.login.toLowerCase());
    const requested = changesRequestedBy(reviews);
    if (requested.length > 0)
      add(
        'changes-requested',
        `${name} waits on changes requested`,
        `changes requested by ${requested.map((u) => `@${u}`).join(', ')}`,
      );
    const failing = failingChecks(item);
    if (failing.length > 0)
      add('failing-check', `${name} has failing checks`, `${failing.join(', ')} failed on ${shortSha(item.headSha)}`);
    if (item.mergeable === false)
      add('merge-conflict', `${name} has a merge conflict`, `not mergeable into \`${item.baseRef}\``);
    const waited = (options.now - pull.createdAt) / HOUR;
    const reviewed = reviews.some((r) => r.submittedAt !== null);
    if (!pull.draft && item.requestedReviewers === 0 && !reviewed && waited > options.reviewWaitHours)
      add(
        'no-reviewer',
        `${name} has no reviewer`,
        `open since ${shortDate(pull.createdAt, options.timeZone)}, no reviewer requested and no review`,
      );
    const blockedBy = pull.labels.filter((label) => labels.has(label.toLowerCase()));
    if (blockedBy.length > 0)
      add('blocked-label', `${name} is labelled ${blockedBy.join(', ')}`, `label ${blockedBy.join(', ')}`);
    const under = open.find(
      (other) => other !== item && other.pull.repo === pull.repo && other.headRef === item.baseRef,
    );
    if (under)
      add(
        'waiting-on-pr',
        `${name} waits on #${under.pull.number}`,
        `based on \`${item.baseRef}\`, the branch of #${under.pull.number}`,
      );
  }
  return blockers;
}

/** Adds GitHub evidence to a draft built from local git; returns a new draft. */
export function applyGithub(draft: WeeklyDraft, evidence: GithubEvidence, options: GithubDraftOptions): WeeklyDraft {
  const { window } = draft;
  const login = evidence.login.toLowerCase();
  const hiddenTypes = new Set((options.hiddenTypes ?? DEFAULT_HIDDEN_TYPES).map((t) => t.toLowerCase()));

  // owner/name (lower case) → local repository name, for the remotes on this API's host.
  const localOf = new Map<string, string>();
  for (const repo of draft.repos) {
    for (const remote of options.remotes[repo.name] ?? []) {
      const gh = githubRepoOf(remote);
      if (gh && gh.host === evidence.host && !localOf.has(gh.repo.toLowerCase()))
        localOf.set(gh.repo.toLowerCase(), repo.name);
    }
  }
  const repoName = (repo: string) => localOf.get(repo.toLowerCase()) ?? repo;
  const isLocal = (repo: string) => localOf.has(repo.toLowerCase());

  // ---- Shipped: my PRs merged in the window, each absorbing its local commits. ----
  const merged = evidence.merged
    .filter((pull) => pull.author.toLowerCase() === login)
    .filter((pull) => pull.mergedAt !== null && pull.mergedAt >= window.start && pull.mergedAt < window.end)
    .sort((a, b) => (a.mergedAt ?? 0) - (b.mergedAt ?? 0));
  let shipped = [...draft.shipped];
  let hidden = [...draft.hidden];
  const closedByRef = new Map(evidence.closing.map((issue) => [refOf(issue).toLowerCase(), issue]));
  const issuesClosed: ClosedIssue[] = [];
  const prItems: ShippedItem[] = [];
  for (const pull of merged) {
    const local = repoName(pull.repo);
    const belongs = (item: ShippedItem) =>
      isLocal(pull.repo) &&
      item.repo === local &&
      item.ref === undefined &&
      (item.pr === pull.number ||
        item.commits.some((sha) => evidence.commitPulls[`${pull.repo.toLowerCase()}@${sha}`] === pull.number));
    const absorbed = [...shipped, ...hidden].filter(belongs);
    shipped = shipped.filter((item) => !absorbed.includes(item));
    hidden = hidden.filter((item) => !absorbed.includes(item));
    const classified = classify(pull.title, '', hiddenTypes);
    const closes: string[] = [];
    for (const ref of closingRefs(pull.body, pull.repo)) {
      const issue = closedByRef.get(ref.toLowerCase());
      if (!issue || issue.state !== 'closed' || issue.closedAt === null) continue;
      if (issue.closedAt < window.start || issue.closedAt >= window.end) continue;
      if (issuesClosed.some((known) => known.ref.toLowerCase() === ref.toLowerCase())) continue;
      closes.push(refOf(issue));
      issuesClosed.push({
        ref: refOf(issue),
        title: issue.title,
        url: issue.url,
        closedAt: iso(issue.closedAt),
        by: refOf(pull),
      });
    }
    const lead = absorbed[0];
    const item: ShippedItem = {
      title: sentenceCase(classified.title),
      type: classified.type ?? lead?.type ?? null,
      scope: classified.scope ?? lead?.scope ?? null,
      breaking: classified.breaking || absorbed.some((a) => a.breaking),
      repo: local,
      commits: absorbed.flatMap((a) => a.commits),
      pr: pull.number,
      sha: lead?.sha ?? '',
      url: pull.url,
      coAuthored: false,
      revert: false,
      authorDate: pull.mergedAt ?? 0,
      ref: refOf(pull),
      mergedAt: pull.mergedAt ?? undefined,
      closes,
    };
    const hide = !options.includeHidden && item.type !== null && hiddenTypes.has(item.type) && !item.breaking;
    (hide ? hidden : prItems).push(item);
  }
  // PRs first (in merge order), then local changes that went through no PR of mine.
  shipped = [...prItems, ...shipped];

  // ---- Reviews given: distinct PRs of others, by submitted_at in the window. ----
  const reviews: ReviewItem[] = [];
  for (const { pull, reviews: all } of evidence.reviewed) {
    if (pull.author.toLowerCase() === login) continue; // a reply on my own PR is not a review given
    const mine = all
      .filter((r) => r.user.toLowerCase() === login && r.state !== 'PENDING' && r.submittedAt !== null)
      .filter((r) => (r.submittedAt ?? 0) >= window.start && (r.submittedAt ?? 0) < window.end)
      .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0));
    if (mine.length === 0 || reviews.some((known) => known.ref === refOf(pull))) continue;
    reviews.push({
      ref: refOf(pull),
      title: pull.title,
      author: pull.author,
      url: pull.url,
      states: mine.map((r) => r.state),
      submittedAt: iso(mine[mine.length - 1].submittedAt ?? 0),
    });
  }
  reviews.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));

  // ---- Next week: open PRs (absorbing their local branch), review requests, assigned issues. ----
  let inProgress = [...draft.inProgress];
  const githubProgress: InProgressItem[] = [];
  const open = evidence.open
    .filter((item) => item.pull.author.toLowerCase() === login)
    .sort((a, b) => a.pull.repo.localeCompare(b.pull.repo) || a.pull.number - b.pull.number);
  for (const item of open) {
    const { pull } = item;
    const local = repoName(pull.repo);
    const branchItem = isLocal(pull.repo)
      ? inProgress.find((p) => p.repo === local && p.kind === 'branch' && p.branch === item.headRef)
      : undefined;
    if (branchItem) inProgress = inProgress.filter((p) => p !== branchItem);
    githubProgress.push({
      kind: pull.draft ? 'draft-pr' : 'pr',
      title: pull.title,
      repo: local,
      branch: item.headRef,
      commits: branchItem?.commits ?? [],
      url: pull.url,
      ref: refOf(pull),
    });
  }
  for (const pull of evidence.requested) {
    if (pull.author.toLowerCase() === login) continue;
    githubProgress.push({
      kind: 'review-request',
      title: `Review “${pull.title}” by @${pull.author}`,
      repo: repoName(pull.repo),
      branch: null,
      commits: [],
      url: pull.url,
      ref: refOf(pull),
    });
  }
  const dueOf = (due: string | null | undefined) => (due ? Date.parse(due) : Number.POSITIVE_INFINITY);
  const issues = [...evidence.assigned].sort(
    (a, b) =>
      dueOf(a.milestone?.dueOn) - dueOf(b.milestone?.dueOn) || a.repo.localeCompare(b.repo) || a.number - b.number,
  );
  for (const issue of issues) {
    githubProgress.push({
      kind: 'issue',
      title: issue.title,
      repo: repoName(issue.repo),
      branch: null,
      commits: [],
      url: issue.url,
      ref: refOf(issue),
      milestone: issue.milestone,
    });
  }

  const blockers = [
    ...githubBlockers(open, repoName, {
      now: options.now,
      reviewWaitHours: options.reviewWaitHours ?? DEFAULT_REVIEW_WAIT_HOURS,
      blockedLabels: options.blockedLabels ?? DEFAULT_BLOCKED_LABELS,
      login: evidence.login,
      timeZone: window.timeZone,
    }),
    ...draft.blockers,
  ];

  const notes = [...draft.notes];
  const message =
    evidence.missingRepos.length > 0
      ? `GitHub has no repository ${evidence.missingRepos.join(', ')} (or this account cannot see it): left out.`
      : null;
  const result: WeeklyDraft = {
    ...draft,
    shipped,
    hidden,
    inProgress: [...githubProgress, ...inProgress],
    blockers,
    notes,
    reviews,
    issuesClosed,
    github: { status: 'ok', user: evidence.login, message },
  };
  result.summary = summarize(result, options.now, hiddenTypes);
  return result;
}

/** The issue refs a set of merged PRs close, for the client to look up. */
export function closingRefsToFetch(pulls: readonly GhPull[], windowStart: number, windowEnd: number): string[] {
  const refs: string[] = [];
  for (const pull of pulls) {
    if (pull.mergedAt === null || pull.mergedAt < windowStart || pull.mergedAt >= windowEnd) continue;
    for (const ref of closingRefs(pull.body, pull.repo))
      if (!refs.some((known) => known.toLowerCase() === ref.toLowerCase())) refs.push(ref);
  }
  return refs;
}

/** Marks a draft built without GitHub: the one line at its top says what was left out and why. */
export function withoutGithub(draft: WeeklyDraft, status: WeeklyDraft['github']): WeeklyDraft {
  return { ...draft, github: status };
}

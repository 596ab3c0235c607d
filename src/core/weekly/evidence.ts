// Evidence for "In progress / next week" and suggested blockers: unmerged branches with my recent
// commits, the current branch, a detached HEAD, uncommitted work and stashes, branches gone quiet,
// and my own words ("blocked by …") in commit messages. Everything here is a suggestion the user
// confirms or deletes.
import { autosquashTarget, classify, isWipSubject, normalizedSubject, sentenceCase } from './classify';
import { type Candidate, reachable, shortSha } from './fold';
import { type Identity, isBot } from './identity';
import { commitUrl } from './links';
import type { BlockerItem, BranchInfo, InProgressItem, RawCommit, RepoSnapshot, TimeWindow } from './model';
import { shortDate } from './window';

const DAY = 86_400_000;
/** "Next week" evidence: branches with my commits in this many recent days. */
export const RECENT_DAYS = 14;
/** An unmerged branch without my commits for this many days is suggested as possibly blocked. */
export const STALE_DAYS = 5;

/** What the evidence is read from: one repository, as the draft builder has already analysed it. */
export interface EvidenceContext {
  repo: RepoSnapshot;
  byId: Map<string, RawCommit>;
  /** Commits reachable from the default branch's (published) tip. */
  onDefault: Set<string>;
  /** My commits in the recent span (a superset of the window). */
  recent: Candidate[];
  identity: Identity;
  bots: readonly string[];
  hiddenTypes: ReadonlySet<string>;
  now: number;
  window: TimeWindow;
  /** Patch ids, subjects and trees of what shipped: a branch already shipped another way is not in progress. */
  shippedPatches: Set<string>;
  shippedSubjects: Set<string>;
  shippedTrees: Set<string>;
}

/** In-progress items and blockers for one repository. */
export function progressEvidence(ctx: EvidenceContext): {
  inProgress: InProgressItem[];
  blockers: BlockerItem[];
  /** The work tree's state (uncommitted changes, stashes, the current branch) was left out. */
  leftOut: boolean;
} {
  const { repo, byId, onDefault, recent, identity, bots, hiddenTypes, now, window } = ctx;
  const { shippedPatches, shippedSubjects, shippedTrees } = ctx;
  const inProgress: InProgressItem[] = [];
  const blockers: BlockerItem[] = [];
  const listedBranches = new Set<string>();
  const staleCheck = (branch: BranchInfo, latestDate: number, latestSha: string) => {
    const idleDays = Math.floor((now - latestDate) / DAY);
    if (idleDays >= STALE_DAYS) {
      blockers.push({
        title: `\`${branch.name}\` has had no commits for ${idleDays} days — blocked, or waiting on review?`,
        repo: repo.name,
        evidence: `last commit ${shortSha(latestSha)} on ${shortDate(latestDate, window.timeZone)}`,
      });
    }
  };
  // My commits on the local default branch that the published one (origin/HEAD) does not have yet:
  // done but not shipped until pushed. One item, so they neither vanish nor pass as shipped.
  const localDefault = repo.branches.find((b) => b.name === repo.defaultBranch);
  if (localDefault && localDefault.tip !== repo.defaultTip && byId.has(localDefault.tip)) {
    const ahead = reachable([localDefault.tip], byId, onDefault);
    const unpushed = recent
      .filter((c) => ahead.has(c.commit.sha))
      .sort((a, b) => b.commit.authorDate - a.commit.authorDate);
    if (unpushed.length > 0) {
      inProgress.push({
        kind: 'unpushed',
        title: `${unpushed.length} unpushed ${unpushed.length === 1 ? 'commit' : 'commits'} on \`${localDefault.name}\``,
        repo: repo.name,
        branch: localDefault.name,
        commits: unpushed.map((c) => c.commit.sha),
        // Not on the remote yet: a link would lead nowhere.
        url: null,
      });
    }
  }
  for (const branch of [...repo.branches].sort((a, b) => a.name.localeCompare(b.name))) {
    if (branch.name === repo.defaultBranch) continue;
    const tip = byId.get(branch.tip);
    if (!tip) {
      // Older than the fetched commits: judged by its tip (git said whether it is merged).
      const recentTip = branch.tipAuthorDate >= now - RECENT_DAYS * DAY;
      const myTip =
        !isBot(branch.tipAuthorName, branch.tipAuthorEmail, bots) &&
        identity.matches(branch.tipAuthorName, branch.tipAuthorEmail);
      if (branch.merged !== false || !recentTip || !myTip) continue;
      listedBranches.add(branch.name);
      inProgress.push({
        kind: 'branch',
        title: isWipSubject(branch.tipSubject)
          ? 'Work in progress'
          : sentenceCase(classify(branch.tipSubject, '', hiddenTypes).title),
        repo: repo.name,
        branch: branch.name,
        commits: [branch.tip],
        url: commitUrl(repo.webUrl, branch.tip),
      });
      staleCheck(branch, branch.tipAuthorDate, branch.tip);
      continue;
    }
    const own = reachable([branch.tip], byId, onDefault);
    const commits = recent
      .filter((c) => own.has(c.commit.sha))
      // Already shipped through a cherry-pick, a rebase or a squash merge: not "in progress".
      .filter((c) => !(repo.patchIds[c.commit.sha] && shippedPatches.has(repo.patchIds[c.commit.sha])))
      .sort((a, b) => b.commit.authorDate - a.commit.authorDate);
    if (commits.length === 0) continue;
    const squashed =
      shippedTrees.has(tip.tree) || commits.every((c) => shippedSubjects.has(normalizedSubject(c.commit.subject)));
    if (squashed) continue;
    listedBranches.add(branch.name);
    const real = commits.find((c) => !isWipSubject(c.commit.subject) && autosquashTarget(c.commit.subject) === null);
    const title = real ? sentenceCase(classify(real.commit.subject, '', hiddenTypes).title) : 'Work in progress';
    const latest = commits[0].commit;
    inProgress.push({
      kind: 'branch',
      title,
      repo: repo.name,
      branch: branch.name,
      commits: commits.map((c) => c.commit.sha),
      url: commitUrl(repo.webUrl, latest.sha),
    });
    staleCheck(branch, latest.authorDate, latest.sha);
  }
  // A window that ended before now is not about today's work tree: what is uncommitted or checked
  // out today was not in progress then (the draft says so in one note).
  // (The node layer does not even run `git status` for such a window.)
  if (window.end <= now) return { inProgress, blockers: [...blockers, ...saidBlocked(ctx)], leftOut: true };
  if (repo.currentBranch && repo.currentBranch !== repo.defaultBranch && !listedBranches.has(repo.currentBranch)) {
    inProgress.push({
      kind: 'current',
      title: `Currently on \`${repo.currentBranch}\``,
      repo: repo.name,
      branch: repo.currentBranch,
      commits: [],
      url: null,
    });
  }
  if (!repo.currentBranch && repo.head) {
    inProgress.push({
      kind: 'detached',
      title: `Detached HEAD at ${shortSha(repo.head)} (a rebase or bisect in progress?)`,
      repo: repo.name,
      branch: null,
      commits: [repo.head],
      url: commitUrl(repo.webUrl, repo.head),
    });
  }
  if (repo.uncommitted > 0) {
    inProgress.push({
      kind: 'uncommitted',
      title: `${repo.uncommitted} uncommitted ${repo.uncommitted === 1 ? 'change' : 'changes'} in \`${repo.name}\``,
      repo: repo.name,
      branch: repo.currentBranch,
      commits: [],
      url: null,
    });
  }
  if (repo.stashes > 0) {
    inProgress.push({
      kind: 'stash',
      title: `${repo.stashes} ${repo.stashes === 1 ? 'stash' : 'stashes'} in \`${repo.name}\``,
      repo: repo.name,
      branch: null,
      commits: [],
      url: null,
    });
  }

  return { inProgress, blockers: [...blockers, ...saidBlocked(ctx)], leftOut: false };
}

/** Words in my own messages of the window that say "blocked". */
function saidBlocked({ recent, window, repo }: EvidenceContext): BlockerItem[] {
  const blockers: BlockerItem[] = [];
  const inWindow = (c: Candidate) => c.commit.authorDate >= window.start && c.commit.authorDate < window.end;
  for (const candidate of recent.filter(inWindow)) {
    const text = `${candidate.commit.subject}\n${candidate.commit.body}`;
    // Only where the words lead a line (a subject or a trailer-like line): "depends on" in the
    // middle of a technical explanation is not a blocker.
    const said =
      /^[ \t]*(?:wip:?\s*)?(blocked[ -](?:by|on)|waiting[ -](?:for|on)|depends[ -]on|needs review)\b[^\n]*/im.exec(
        text,
      );
    if (said) {
      blockers.push({
        title: `“${said[0].trim()}”`,
        repo: repo.name,
        evidence: `commit ${shortSha(candidate.commit.sha)}`,
      });
    }
  }
  return blockers;
}

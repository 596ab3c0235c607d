// Builds the weekly draft from repository snapshots: picks "my" commits by AUTHOR date inside the
// window, folds what is not a change of its own (merges, fixup!/squash!/amend!, WIP, revert pairs,
// cherry-picks and rebased copies with the same patch-id, squash-merged branches), classifies what
// is left, and gathers evidence for "next week" and blockers. Pure: same input, same draft.
import { autosquashTarget, classify, isWipSubject, mergePr, revertTarget, sentenceCase } from './classify';
import { coAuthors, DEFAULT_BOTS, Identity, isBot, parseMailmap } from './identity';
import { commitUrl, prUrl } from './links';
import type {
  BlockerItem,
  BranchInfo,
  FocusSummary,
  InProgressItem,
  RawCommit,
  RepoSnapshot,
  ShippedItem,
  TimeWindow,
  WeeklyDraft,
} from './model';
import { comparePlan } from './previous';
import { summarize } from './summary';
import { localWeekday, shortDate, type Weekday } from './window';

const DAY = 86_400_000;
/** "Next week" evidence: branches with my commits in this many recent days. */
export const RECENT_DAYS = 14;
/** An unmerged branch without my commits for this many days is suggested as possibly blocked. */
export const STALE_DAYS = 5;

export const DEFAULT_HIDDEN_TYPES = ['chore', 'ci', 'build', 'style', 'test'];

export interface DraftInput {
  window: TimeWindow;
  now: number;
  repos: RepoSnapshot[];
  /** Addresses counted as "me" in every repository (aliases, `--author`). */
  authors: string[];
  /** Also count each repository's own `user.email` (the default; `--author` turns it off). */
  includeRepoUserEmail: boolean;
  hiddenTypes?: string[];
  includeHidden?: boolean;
  bots?: string[];
  workDays?: Weekday[];
  focus?: FocusSummary | null;
  /** Text of the previously saved update, to compare its "next" items with what shipped. */
  previousUpdate?: string | null;
}

interface Candidate {
  commit: RawCommit;
  coAuthored: boolean;
  onDefault: boolean;
  pr: number | null;
}

const TYPE_ORDER = ['feat', 'fix', 'perf', 'refactor', 'revert', 'docs'];
const PR_SUFFIX = /\s*\(#(\d+)\)\s*$/;

function typeRank(item: ShippedItem): number {
  if (item.breaking) return -1;
  const index = item.type ? TYPE_ORDER.indexOf(item.type) : -1;
  return index >= 0 ? index : item.type ? TYPE_ORDER.length : TYPE_ORDER.length + 1;
}

function normalizedSubject(subject: string): string {
  return subject
    .replace(/\s*\(#\d+\)\s*$/, '')
    .trim()
    .toLowerCase();
}

/** Walks parents from `tips` inside the fetched commits. */
function reachable(tips: Iterable<string>, byId: Map<string, RawCommit>, stop?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...tips];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    if (seen.has(sha) || stop?.has(sha)) continue;
    const commit = byId.get(sha);
    if (!commit) continue;
    seen.add(sha);
    for (const parent of commit.parents) stack.push(parent);
  }
  return seen;
}

/** PR numbers of commits brought in by "Merge pull request #N" merges on the default branch. */
function prsFromMerges(defaultTip: string | null, byId: Map<string, RawCommit>): Map<string, number> {
  const prs = new Map<string, number>();
  if (!defaultTip) return prs;
  const mainline = new Set<string>();
  for (let sha: string | undefined = defaultTip; sha && byId.has(sha) && !mainline.has(sha);) {
    mainline.add(sha);
    sha = byId.get(sha)!.parents[0];
  }
  for (const sha of mainline) {
    const merge = byId.get(sha)!;
    if (merge.parents.length < 2) continue;
    const pr = mergePr(merge.subject, merge.body);
    if (pr === null) continue;
    for (const inner of reachable(merge.parents.slice(1), byId, mainline)) if (!prs.has(inner)) prs.set(inner, pr);
  }
  return prs;
}

interface Group {
  lead: Candidate;
  commits: Candidate[];
}

/** Folds one repository's candidates (already mine, in the window, not bots, not merges). */
function fold(candidates: Candidate[], patchIds: Record<string, string>): { groups: Group[]; revertsOutside: Group[] } {
  // Oldest first, so targets come before their fixups and reverts.
  const sorted = [...candidates].sort(
    (a, b) => a.commit.authorDate - b.commit.authorDate || a.commit.sha.localeCompare(b.commit.sha),
  );
  const dropped = new Set<string>();

  // 1. Cherry-picks and rebased copies: same patch-id (or an explicit "cherry picked from") count
  //    once; the copy on the default branch wins, then the newest.
  const byPatch = new Map<string, Candidate[]>();
  for (const candidate of sorted) {
    const key = patchIds[candidate.commit.sha];
    if (key) byPatch.set(key, [...(byPatch.get(key) ?? []), candidate]);
  }
  for (const candidate of sorted) {
    const picked = /\(cherry picked from commit ([0-9a-f]{7,40})\)/.exec(candidate.commit.body)?.[1];
    const original = picked
      ? sorted.find((other) => other !== candidate && other.commit.sha.startsWith(picked))
      : undefined;
    if (original) byPatch.set(`pick:${candidate.commit.sha}`, [original, candidate]);
  }
  for (const copies of byPatch.values()) {
    const unique = [...new Set(copies)];
    if (unique.length < 2) continue;
    const keep = [...unique].sort(
      (a, b) => Number(b.onDefault) - Number(a.onDefault) || b.commit.authorDate - a.commit.authorDate,
    )[0];
    for (const copy of unique) if (copy !== keep) dropped.add(copy.commit.sha);
  }

  // 2. A commit and its revert inside the window cancel out.
  const revertsOutside: Group[] = [];
  for (const candidate of sorted) {
    if (dropped.has(candidate.commit.sha)) continue;
    const target = revertTarget(candidate.commit.subject, candidate.commit.body);
    if (!target) continue;
    const reverted = sorted.find(
      (other) =>
        other !== candidate &&
        !dropped.has(other.commit.sha) &&
        ((target.sha !== null && other.commit.sha.startsWith(target.sha)) ||
          (target.sha === null && target.subject !== null && other.commit.subject === target.subject)),
    );
    dropped.add(candidate.commit.sha);
    if (reverted) dropped.add(reverted.commit.sha);
    else revertsOutside.push({ lead: candidate, commits: [candidate] });
  }

  // 3. fixup!/squash!/amend! join their target; WIP subjects join the next real change on the same
  //    side (shipped or not), or the previous one.
  const groups: Group[] = [];
  const bySubject = new Map<string, Group>();
  const pendingWip = new Map<boolean, Candidate[]>();
  for (const candidate of sorted) {
    if (dropped.has(candidate.commit.sha)) continue;
    const subject = candidate.commit.subject;
    const target = autosquashTarget(subject);
    if (target !== null) {
      const group =
        bySubject.get(normalizedSubject(target)) ??
        bySubject.get(normalizedSubject(autosquashTarget(target) ?? target));
      if (group) {
        group.commits.push(candidate);
        continue;
      }
      // Target outside the window: one bullet under the target's subject.
      const synthetic: Group = {
        lead: { ...candidate, commit: { ...candidate.commit, subject: target } },
        commits: [candidate],
      };
      groups.push(synthetic);
      bySubject.set(normalizedSubject(target), synthetic);
      continue;
    }
    if (isWipSubject(subject)) {
      // "More work on what came before": join the latest change on the same side (shipped or
      // not); a WIP with nothing before it waits for the next change.
      const previous = [...groups].reverse().find((group) => group.lead.onDefault === candidate.onDefault);
      if (previous) previous.commits.push(candidate);
      else pendingWip.set(candidate.onDefault, [...(pendingWip.get(candidate.onDefault) ?? []), candidate]);
      continue;
    }
    const group: Group = { lead: candidate, commits: [...(pendingWip.get(candidate.onDefault) ?? []), candidate] };
    pendingWip.delete(candidate.onDefault);
    groups.push(group);
    const key = normalizedSubject(subject);
    if (!bySubject.has(key)) bySubject.set(key, group);
  }
  for (const wips of pendingWip.values()) groups.push({ lead: wips[wips.length - 1], commits: wips });
  return { groups, revertsOutside };
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Builds the weekly draft. Deterministic for a given input. */
export function buildDraft(input: DraftInput): WeeklyDraft {
  const { window, now } = input;
  const hiddenTypes = new Set((input.hiddenTypes ?? DEFAULT_HIDDEN_TYPES).map((type) => type.toLowerCase()));
  const bots = input.bots ?? DEFAULT_BOTS;
  const workDays = new Set<Weekday>(input.workDays ?? [1, 2, 3, 4, 5]);
  const recentStart = Math.min(window.start, now - RECENT_DAYS * DAY);

  const shown: string[] = [];
  const shipped: ShippedItem[] = [];
  const hidden: ShippedItem[] = [];
  const inProgress: InProgressItem[] = [];
  const blockers: BlockerItem[] = [];
  const notes: string[] = [];
  let offDays = 0;

  for (const repo of input.repos) {
    const emails = [...input.authors, ...(input.includeRepoUserEmail && repo.userEmail ? [repo.userEmail] : [])];
    const identity = new Identity(emails, parseMailmap(repo.mailmap ?? ''));
    for (const email of identity.shown) if (!shown.includes(email)) shown.push(email);
    if (repo.shallow) {
      notes.push(`\`${repo.name}\` is a shallow clone: this window may be incomplete (run \`git fetch --unshallow\`).`);
    }

    const byId = new Map(repo.commits.map((commit) => [commit.sha, commit]));
    const defaultTip = repo.defaultTip ?? repo.head;
    const onDefault = defaultTip ? reachable([defaultTip], byId) : new Set<string>();
    const prs = prsFromMerges(defaultTip, byId);

    const mine = (commit: RawCommit): { mine: boolean; coAuthored: boolean } => {
      if (isBot(commit.authorName, commit.authorEmail, bots)) return { mine: false, coAuthored: false };
      if (identity.matches(commit.authorName, commit.authorEmail)) return { mine: true, coAuthored: false };
      const credited = coAuthors(commit.body).some((co) => identity.matches(co.name, co.email));
      return { mine: credited, coAuthored: credited };
    };

    // Every commit of mine in the recent span (a superset of the window) that is a change of its own.
    const recent: Candidate[] = [];
    for (const commit of repo.commits) {
      if (commit.parents.length > 1) continue; // merges: their branch commits or the squash count
      if (commit.authorDate < recentStart || commit.authorDate >= Math.max(window.end, now + 1)) continue;
      const who = mine(commit);
      if (!who.mine) continue;
      const suffix = PR_SUFFIX.exec(commit.subject);
      const pr = suffix ? Number(suffix[1]) : (prs.get(commit.sha) ?? null);
      recent.push({ commit, coAuthored: who.coAuthored, onDefault: onDefault.has(commit.sha), pr });
    }

    const inWindow = (c: Candidate) => c.commit.authorDate >= window.start && c.commit.authorDate < window.end;
    const shippedCandidates = recent.filter((c) => c.onDefault && inWindow(c));
    const { groups, revertsOutside } = fold(shippedCandidates, repo.patchIds);

    const shippedPatches = new Set(
      recent
        .filter((c) => c.onDefault)
        .map((c) => repo.patchIds[c.commit.sha])
        .filter(Boolean),
    );
    const shippedSubjects = new Set(recent.filter((c) => c.onDefault).map((c) => normalizedSubject(c.commit.subject)));
    const shippedTrees = new Set(repo.commits.filter((c) => onDefault.has(c.sha)).map((c) => c.tree));

    for (const group of [...groups, ...revertsOutside]) {
      const lead = group.lead.commit;
      const revert = revertsOutside.includes(group);
      const revertOf = revert ? revertTarget(lead.subject, lead.body)?.subject : undefined;
      const classified = classify(revertOf ?? lead.subject, revertOf ? '' : lead.body, hiddenTypes);
      const breaking =
        classified.breaking ||
        group.commits.some(
          (c) =>
            c !== group.lead &&
            /^\w+(\([^()]*\))?!:|^BREAKING[ -]CHANGE:/m.test(`${c.commit.subject}\n${c.commit.body}`),
        );
      const pr = group.commits.map((c) => c.pr).find((n) => n !== null) ?? null;
      const commits = group.commits.map((c) => c.commit.sha);
      const last = group.commits[group.commits.length - 1].commit;
      const item: ShippedItem = {
        title: revert ? `Revert “${classified.title}”` : sentenceCase(classified.title),
        type: revert ? 'revert' : classified.type,
        scope: classified.scope,
        breaking,
        repo: repo.name,
        commits,
        pr,
        sha: lead.sha,
        url: pr !== null ? prUrl(repo.webUrl, pr) : commitUrl(repo.webUrl, lead.sha),
        coAuthored: group.lead.coAuthored,
        revert,
        authorDate: last.authorDate,
      };
      const hide = !input.includeHidden && item.type !== null && hiddenTypes.has(item.type) && !breaking;
      (hide ? hidden : shipped).push(item);
      for (const commit of group.commits)
        if (!workDays.has(localWeekday(commit.commit.authorDate, window.timeZone))) offDays++;
      if (revert) {
        blockers.push({
          title: `${item.title} — does it need a follow-up?`,
          repo: repo.name,
          evidence: `revert ${shortSha(lead.sha)}`,
        });
      }
    }

    // Next week from evidence: unmerged local branches with my recent commits.
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

    // Words in my own messages that say "blocked".
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
  }

  const repoIndex = new Map(input.repos.map((repo, index) => [repo.name, index]));
  const order = (a: ShippedItem, b: ShippedItem) =>
    (repoIndex.get(a.repo) ?? 0) - (repoIndex.get(b.repo) ?? 0) ||
    typeRank(a) - typeRank(b) ||
    a.authorDate - b.authorDate ||
    a.title.localeCompare(b.title);
  shipped.sort(order);
  hidden.sort(order);

  const draft: WeeklyDraft = {
    window,
    identities: shown,
    repos: input.repos.map((repo) => ({
      name: repo.name,
      path: repo.path,
      webUrl: repo.webUrl,
      branch: repo.currentBranch,
      shallow: repo.shallow,
    })),
    shipped,
    hidden,
    inProgress,
    blockers,
    focus: input.focus ?? null,
    summary: '',
    notes,
    lastWeek: input.previousUpdate ? comparePlan(input.previousUpdate, shipped) : null,
    offDays,
  };
  draft.summary = summarize(draft);
  return draft;
}

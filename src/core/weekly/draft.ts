// Builds the weekly draft from repository snapshots: picks "my" commits by AUTHOR date inside the
// window, folds what is not a change of its own (merges, fixup!/squash!/amend!, WIP, revert pairs,
// cherry-picks and rebased copies with the same patch-id, squash-merged branches), classifies what
// is left, and gathers evidence for "next week" and blockers. Pure: same input, same draft.
import { classify, revertTarget, sentenceCase, subjectPr } from './classify';
import { DEFAULT_BOTS, Identity, botCheck, coAuthors, parseMailmap } from './identity';
import { RECENT_DAYS, progressEvidence } from './evidence';
import { fold, pairReverts, prsFromMerges, reachable, shortSha, type Candidate } from './fold';
import { normalizedSubject } from './classify';
import { commitUrl, forgeOf, prUrl } from './links';
import type {
  BlockerItem,
  FocusSummary,
  InProgressItem,
  RawCommit,
  RepoSnapshot,
  ShippedItem,
  TimeWindow,
  WeeklyDraft,
} from './model';
import { printable } from '../printable';
import { comparePlan } from './previous';
import { summarize } from './summary';
import { localWeekday, type Weekday } from './window';

export { RECENT_DAYS, STALE_DAYS } from './evidence';

const DAY = 86_400_000;

/** Types left out of Shipped by default (counted in the footer); `release` is every release commit. */
export const DEFAULT_HIDDEN_TYPES = ['chore', 'ci', 'build', 'style', 'test', 'release'];

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

/**
 * What a revert of older work reverts, for its title: the quoted subject, else the subject of the
 * commit it names (when fetched), else its own subject without the `revert:` prefix.
 */
function revertedSubject(commit: RawCommit, byId: Map<string, RawCommit>): string {
  const target = revertTarget(commit.subject, commit.body);
  if (target?.subject) return target.subject;
  const named = target?.sha ? [...byId.values()].find((other) => other.sha.startsWith(target.sha!)) : undefined;
  return named?.subject ?? commit.subject.replace(/^revert(?:\([^()]*\))?!?:\s*/i, '');
}

const TYPE_ORDER = ['feat', 'fix', 'perf', 'refactor', 'revert', 'docs'];

function typeRank(item: ShippedItem): number {
  if (item.breaking) return -1;
  const index = item.type ? TYPE_ORDER.indexOf(item.type) : -1;
  return index >= 0 ? index : item.type ? TYPE_ORDER.length : TYPE_ORDER.length + 1;
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
  let leftOut = false;
  // Commits already counted in an earlier repository (two clones or a fork of one project): once.
  const counted = new Set<string>();

  for (const repo of input.repos) {
    const emails = [...input.authors, ...(input.includeRepoUserEmail && repo.userEmail ? [repo.userEmail] : [])];
    const identity = new Identity(emails, parseMailmap(repo.mailmap ?? ''));
    for (const email of identity.shown) if (!shown.includes(email)) shown.push(email);
    if (repo.mailmapProblem) {
      notes.push(
        `\`.mailmap\` in \`${repo.name}\` was not read: ${printable(repo.mailmapProblem)}; addresses it maps are not counted.`,
      );
    }
    if (repo.shallow) {
      notes.push(`\`${repo.name}\` is a shallow clone: these dates may be incomplete (run \`git fetch --unshallow\`).`);
    }

    const byId = new Map(repo.commits.map((commit) => [commit.sha, commit]));
    const defaultTip = repo.defaultTip ?? repo.head;
    const onDefault = defaultTip ? reachable([defaultTip], byId) : new Set<string>();
    const prs = prsFromMerges(defaultTip, byId);
    const forge = forgeOf(repo.webUrl);

    const isBot = botCheck(bots);
    const mine = (commit: RawCommit): { mine: boolean; coAuthored: boolean } => {
      if (isBot(commit.authorName, commit.authorEmail)) return { mine: false, coAuthored: false };
      if (identity.matches(commit.authorName, commit.authorEmail)) return { mine: true, coAuthored: false };
      const credited = coAuthors(commit.body).some((co) => identity.matches(co.name, co.email));
      return { mine: credited, coAuthored: credited };
    };

    // Every commit of mine in the recent span (a superset of the window) that is a change of its own.
    const recent: Candidate[] = [];
    for (const commit of repo.commits) {
      if (commit.parents.length > 1) continue; // merges: their branch commits or the squash count
      if (counted.has(commit.sha)) continue;
      if (commit.authorDate < recentStart || commit.authorDate >= Math.max(window.end, now + 1)) continue;
      const who = mine(commit);
      if (!who.mine) continue;
      const pr = subjectPr(commit.subject, forge) ?? prs.get(commit.sha) ?? null;
      recent.push({ commit, coAuthored: who.coAuthored, onDefault: onDefault.has(commit.sha), pr });
    }

    for (const candidate of recent) counted.add(candidate.commit.sha);

    const inWindow = (c: Candidate) => c.commit.authorDate >= window.start && c.commit.authorDate < window.end;
    const shippedCandidates = recent.filter((c) => c.onDefault && inWindow(c));
    // Reverts pair with what they undo among everyone's commits of the window on the default branch:
    // my revert of a colleague's (or a bot's) change cancels both, and so does theirs of mine.
    const windowCommits = repo.commits.filter(
      (c) => c.parents.length <= 1 && onDefault.has(c.sha) && c.authorDate >= window.start && c.authorDate < window.end,
    );
    const cancelled = pairReverts(windowCommits, repo.patchIds, repo.inversePatchIds);
    const { groups, revertsOutside } = fold(shippedCandidates, repo.patchIds, cancelled);

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
      const revertOf = revert ? revertedSubject(lead, byId) : undefined;
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
        title: revert ? `Reverted “${classified.title}”` : sentenceCase(classified.title),
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
      // A revert of a hidden type (a chore, a release) is as hidden as what it reverts.
      const hiddenType = revert ? classified.type : item.type;
      const hide = !input.includeHidden && hiddenType !== null && hiddenTypes.has(hiddenType) && !breaking;
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

    const evidence = progressEvidence({
      repo,
      byId,
      onDefault,
      recent,
      identity,
      bots,
      hiddenTypes,
      now,
      window,
      shippedPatches,
      shippedSubjects,
      shippedTrees,
    });
    inProgress.push(...evidence.inProgress);
    blockers.push(...evidence.blockers);
    leftOut ||= evidence.leftOut;
  }

  if (leftOut) {
    notes.push('Uncommitted changes, stashes and the current branch are left out: these dates ended before today.');
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
    lastWeek: input.previousUpdate ? comparePlan(input.previousUpdate, shipped, inProgress) : null,
    offDays,
    github: { status: 'off', user: null, message: null },
    reviews: [],
    issuesClosed: [],
  };
  draft.summary = summarize(draft, now, hiddenTypes);
  return draft;
}

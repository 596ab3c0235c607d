// Folding: what is not a change of its own joins the change it belongs to, or cancels out — merges
// (their PR number goes to the merged commits), fixup!/squash!/amend!, WIP, revert pairs, and
// cherry-picks and rebased copies with the same patch-id.
import { autosquashTarget, isWipSubject, mergePr, normalizedSubject, revertTarget } from './classify';
import type { RawCommit } from './model';

/** One commit of mine in the recent span, with what the graph says about it. */
export interface Candidate {
  commit: RawCommit;
  coAuthored: boolean;
  onDefault: boolean;
  pr: number | null;
}

/** Walks parents from `tips` inside the fetched commits. */
export function reachable(tips: Iterable<string>, byId: Map<string, RawCommit>, stop?: Set<string>): Set<string> {
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
export function prsFromMerges(defaultTip: string | null, byId: Map<string, RawCommit>): Map<string, number> {
  const prs = new Map<string, number>();
  if (!defaultTip) return prs;
  const mainline = new Set<string>();
  const merges: RawCommit[] = [];
  for (let commit = byId.get(defaultTip); commit && !mainline.has(commit.sha); commit = byId.get(commit.parents[0])) {
    mainline.add(commit.sha);
    if (commit.parents.length > 1) merges.push(commit);
  }
  // Oldest merge first: with stacked PRs the later merge also reaches the earlier PR's commits,
  // which belong to the PR that merged them first.
  for (const merge of merges.reverse()) {
    const pr = mergePr(merge.subject, merge.body);
    if (pr === null) continue;
    for (const inner of reachable(merge.parents.slice(1), byId, mainline)) if (!prs.has(inner)) prs.set(inner, pr);
  }
  return prs;
}

/**
 * Each commit's number of ancestors among `commits` along parent links (0 for a commit whose
 * parents are all outside): an ancestor always has a smaller depth than its descendants.
 */
export function historyDepth(commits: readonly RawCommit[]): Map<string, number> {
  const byId = new Map(commits.map((commit) => [commit.sha, commit]));
  const depth = new Map<string, number>();
  for (const start of commits) {
    // Iterative post-order walk: a long history must not overflow the stack.
    const stack = [start.sha];
    while (stack.length > 0) {
      const sha = stack[stack.length - 1];
      if (depth.has(sha)) {
        stack.pop();
        continue;
      }
      const parents = byId.get(sha)!.parents.filter((parent) => byId.has(parent));
      const pending = parents.filter((parent) => !depth.has(parent));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      depth.set(
        sha,
        parents.reduce((most, parent) => Math.max(most, depth.get(parent)! + 1), 0),
      );
      stack.pop();
    }
  }
  return depth;
}

export interface Group {
  lead: Candidate;
  commits: Candidate[];
}

/** Folds one repository's candidates (already mine, in the window, not bots, not merges). */
export function fold(
  candidates: Candidate[],
  patchIds: Record<string, string>,
  cancelled: ReadonlyMap<string, string> = new Map(),
): { groups: Group[]; revertsOutside: Group[] } {
  // Oldest first, so targets come before their fixups and reverts; within one second, parents
  // before children (history order), not hash order.
  const depth = historyDepth(candidates.map((candidate) => candidate.commit));
  const sorted = [...candidates].sort(
    (a, b) =>
      a.commit.authorDate - b.commit.authorDate ||
      depth.get(a.commit.sha)! - depth.get(b.commit.sha)! ||
      a.commit.sha.localeCompare(b.commit.sha),
  );
  const dropped = new Set<string>();

  // 1. Cherry-picks and rebased copies: same patch-id (or an explicit "cherry picked from") count
  //    once; the copy on the default branch wins, then the newest.
  const byPatch = new Map<string, Candidate[]>();
  for (const candidate of sorted) {
    const key = patchIds[candidate.commit.sha];
    if (!key) continue;
    const copies = byPatch.get(key);
    if (copies) copies.push(candidate);
    else byPatch.set(key, [candidate]);
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
      // A total order: a patch-id group and a "cherry picked from" pair holding the same copies
      // must keep the same one (cherry-picks keep the author date, so dates tie), or both go.
      (a, b) =>
        Number(b.onDefault) - Number(a.onDefault) ||
        b.commit.authorDate - a.commit.authorDate ||
        a.commit.sha.localeCompare(b.commit.sha),
    )[0];
    for (const copy of unique) if (copy !== keep) dropped.add(copy.commit.sha);
  }

  // 2. A revert and what it undoes cancel when both are in the window, whoever wrote either half
  //    (pairReverts); a revert of older work stays as a change of its own. A reapply (a revert of
  //    a revert) that cancels nothing is the change itself again.
  const revertsOutside: Group[] = [];
  for (const candidate of sorted) {
    if (dropped.has(candidate.commit.sha)) continue;
    if (cancelled.has(candidate.commit.sha)) {
      dropped.add(candidate.commit.sha);
      continue;
    }
    const target = revertTarget(candidate.commit.subject, candidate.commit.body);
    if (!target || target.depth % 2 === 0) continue;
    dropped.add(candidate.commit.sha);
    revertsOutside.push({ lead: candidate, commits: [candidate] });
  }

  // 3. fixup!/squash!/amend! join their target; WIP subjects join the latest change before them on
  //    the same side (shipped or not), and only a WIP with nothing before it joins the next one.
  const groups: Group[] = [];
  const bySubject = new Map<string, Group>();
  const pendingWip = new Map<boolean, Candidate[]>();
  for (const original of sorted) {
    if (dropped.has(original.commit.sha)) continue;
    // A reapply that cancelled nothing reads as the change it brings back.
    const reapplied = revertTarget(original.commit.subject, original.commit.body);
    const subject = reapplied?.subject && reapplied.depth % 2 === 0 ? reapplied.subject : original.commit.subject;
    const candidate =
      subject === original.commit.subject ? original : { ...original, commit: { ...original.commit, subject } };
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

function byAuthorDate(a: RawCommit, b: RawCommit): number {
  return a.authorDate - b.authorDate || a.committerDate - b.committerDate || a.sha.localeCompare(b.sha);
}

/**
 * Pairs reverts with what they undo among `commits` (one window's commits on one line of history,
 * anyone's): returns each cancelled commit's sha → its partner's. A revert pairs, in this order,
 * with the commit whose sha it names; with the commit whose patch id is its inverse patch id (the
 * original after a rebase rewrote the named sha, or a revert it restores); for a revert-marked
 * commit, with the commit whose subject it quotes. A commit with no revert marker pairs only by
 * exact inverse patch (a restore of a revert, written by hand).
 */
export function pairReverts(
  commits: readonly RawCommit[],
  patchIds: Record<string, string>,
  inversePatchIds: Record<string, string> = {},
): Map<string, string> {
  const paired = new Map<string, string>();
  // Only a revert or a commit with a patch id can pair: most weeks have none, and need no sort.
  const anyIds = Object.keys(patchIds).length > 0;
  if (!commits.some((commit) => revertTarget(commit.subject, commit.body) || (anyIds && patchIds[commit.sha]))) {
    return paired;
  }
  const sorted = [...commits].sort(byAuthorDate);
  for (const [index, commit] of sorted.entries()) {
    if (paired.has(commit.sha)) continue;
    const target = revertTarget(commit.subject, commit.body);
    const inverse = inversePatchIds[commit.sha];
    const own = patchIds[commit.sha];
    if (!target && !own) continue;
    // The nearest earlier commit first (a revert undoes what came before it), then later ones.
    const others = [...sorted.slice(0, index).reverse(), ...sorted.slice(index + 1)].filter(
      (other) => !paired.has(other.sha),
    );
    const partner =
      (target?.sha ? others.find((other) => other.sha.startsWith(target.sha!)) : undefined) ??
      (inverse ? others.find((other) => patchIds[other.sha] === inverse) : undefined) ??
      (own ? others.find((other) => inversePatchIds[other.sha] === own) : undefined) ??
      (target?.direct ? others.find((other) => other.subject.trim() === target.direct) : undefined) ??
      (target?.direct
        ? others.find((other) => normalizedSubject(other.subject) === normalizedSubject(target.direct!))
        : undefined);
    if (!partner) continue;
    paired.set(commit.sha, partner.sha);
    paired.set(partner.sha, commit.sha);
  }
  return paired;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

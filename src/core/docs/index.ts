import type { Clock } from '../clock';
import { addDays, addPeriod, isoDay } from './dates';
import { looksLikeDecision, parseDecision, parseRunbook } from './parse';
import { isSkippedDecisionFile, numberFromFileName } from './names';
import { basename, dirname } from './paths';
import type { Decision, Problem, Runbook, RunbookView } from './types';

const collator = new Intl.Collator();

export interface DocsIndexOptions {
  clock: Clock;
  /** Days between runbook reviews when a runbook has no `review_in` (`cadence.docs.runbookReviewDays`). */
  runbookReviewDays?: number;
}

/** The resolved supersede links of one record, both directions, as paths. */
export interface Links {
  supersedes: string[];
  supersededBy: string[];
}

interface CrossState {
  problems: Map<string, Problem[]>;
  links: Map<string, Links>;
}

/**
 * All decision records and runbooks of a workspace, kept up to date one file at a time. Parsing
 * happens in `setDecision`/`setRunbook`; problems that need several files (duplicate numbers,
 * supersede links) are recomputed lazily, in one linear pass, the first time they are asked for
 * after a change, so a change costs one parse plus one pass, never a rescan.
 */
export class DocsIndex {
  private readonly decisionsByPath = new Map<string, Decision>();
  private readonly runbooksByPath = new Map<string, Runbook>();
  private readonly notes = new Map<string, Problem>();
  private readonly lastChanges = new Map<string, string>();
  /** Records by folder and number, kept up to date on every change (duplicates without a scan). */
  private readonly byNumber = new Map<string, Decision[]>();
  private readonly duplicateKeys = new Set<string>();
  /** Records that name another in a supersede link: the only ones the cross pass must resolve. */
  private readonly referencing = new Set<Decision>();
  /** Records with links to Markdown files or "ADR-17" mentions, checked in the cross-file pass. */
  private readonly linking = new Set<Decision>();
  private cross: CrossState | undefined;
  /** `decisions()` in order, until the set of records changes. */
  private sorted: Decision[] | undefined;

  constructor(private readonly options: DocsIndexOptions) {}

  /** Days between runbook reviews when a runbook has no `review_in` (a settings change). */
  setRunbookReviewDays(days: number): void {
    this.options.runbookReviewDays = days;
  }

  /** Parses `text` as a decision record of `folder`; files that are not records are dropped. */
  setDecision(path: string, text: string, folder: string, log4brains = false): Decision | undefined {
    const previous = this.decisionsByPath.get(path);
    const sorted = this.sorted;
    this.remove(path);
    this.cross = undefined;
    const decision = parseDecision(path, text, folder, { log4brains });
    if (!looksLikeDecision(decision)) return undefined;
    this.decisionsByPath.set(path, decision);
    // An edit that keeps the record's folder and number keeps its place in the sorted list.
    const at =
      previous && sorted && previous.folder === folder && previous.number === decision.number
        ? sorted.indexOf(previous)
        : -1;
    if (at >= 0 && sorted) {
      sorted[at] = decision;
      this.sorted = sorted;
    } else this.sorted = undefined;
    if (decision.number !== undefined) {
      const key = numberKey(decision.folder, decision.number);
      const list = this.byNumber.get(key) ?? [];
      list.push(decision);
      this.byNumber.set(key, list);
      if (list.length > 1) this.duplicateKeys.add(key);
    }
    if (decision.references.some((r) => r.relation === 'supersedes' || r.relation === 'supersededBy')) {
      this.referencing.add(decision);
    }
    if (decision.links || decision.mentions) this.linking.add(decision);
    return decision;
  }

  setRunbook(path: string, text: string, folder: string): Runbook {
    this.remove(path);
    const runbook = parseRunbook(path, text, folder);
    this.runbooksByPath.set(path, runbook);
    return runbook;
  }

  /** Records a file that could not be indexed (too large, binary, unreadable). */
  setNote(problem: Problem): void {
    this.remove(problem.path);
    this.notes.set(problem.path, problem);
  }

  /** Adds a problem about how a file was read (not UTF-8) to the record or runbook parsed from it. */
  addReadNote(problem: Problem): void {
    this.notes.set(problem.path, problem);
  }

  remove(path: string): void {
    const decision = this.decisionsByPath.get(path);
    if (decision) {
      this.sorted = undefined;
      this.decisionsByPath.delete(path);
      this.referencing.delete(decision);
      this.linking.delete(decision);
      if (decision.number !== undefined) {
        const key = numberKey(decision.folder, decision.number);
        const list = (this.byNumber.get(key) ?? []).filter((d) => d !== decision);
        if (list.length === 0) this.byNumber.delete(key);
        else this.byNumber.set(key, list);
        if (list.length < 2) this.duplicateKeys.delete(key);
      }
      this.cross = undefined;
    }
    this.runbooksByPath.delete(path);
    this.notes.delete(path);
  }

  /**
   * Removes everything under `folder` (a deleted or renamed folder, a workspace folder that went
   * away, a rescan); returns how many entries went.
   */
  removeUnder(folder: string): number {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    let removed = 0;
    for (const map of [this.decisionsByPath, this.runbooksByPath, this.notes] as Map<string, unknown>[]) {
      for (const path of [...map.keys()]) {
        if (path.startsWith(prefix) || path === folder) {
          this.remove(path);
          removed++;
        }
      }
    }
    if (removed > 0) this.cross = undefined;
    return removed;
  }

  /** True when anything is indexed at `path` or under it (a folder). */
  has(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const map of [this.decisionsByPath, this.runbooksByPath, this.notes] as Map<string, unknown>[]) {
      if (map.has(path)) return true;
      for (const key of map.keys()) if (key.startsWith(prefix)) return true;
    }
    return false;
  }

  /** Last git change per runbook path (ISO date): the fallback when `last_reviewed_on` is missing. */
  setLastChanges(changes: Map<string, string>): void {
    for (const [path, date] of changes) this.lastChanges.set(path, date);
  }

  decision(path: string): Decision | undefined {
    return this.decisionsByPath.get(path);
  }

  /** Decisions sorted by folder, then number, then path. */
  decisions(): Decision[] {
    // Sorted once per change of the set (completion asks on every keystroke; 5,000 records take
    // tens of milliseconds to sort); a copy, so callers may sort or filter it.
    this.sorted ??= [...this.decisionsByPath.values()].sort(
      (a, b) =>
        collator.compare(a.folder, b.folder) ||
        (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
        collator.compare(a.path, b.path),
    );
    return [...this.sorted];
  }

  runbook(path: string): RunbookView | undefined {
    const runbook = this.runbooksByPath.get(path);
    return runbook ? this.view(runbook) : undefined;
  }

  runbooks(): RunbookView[] {
    return [...this.runbooksByPath.values()].sort((a, b) => a.path.localeCompare(b.path)).map((r) => this.view(r));
  }

  /** Resolved supersede links of a record (what it says, plus what others say about it). */
  links(path: string): Links {
    return this.crossState().links.get(path) ?? { supersedes: [], supersededBy: [] };
  }

  /** Every problem of one file, cross-file ones included. */
  problemsFor(path: string): Problem[] {
    const decision = this.decisionsByPath.get(path);
    const runbook = this.runbooksByPath.get(path);
    const note = this.notes.get(path);
    const own = decision?.problems ?? (runbook ? this.view(runbook).problems : []);
    return [...(note ? [note] : []), ...own, ...(this.crossState().problems.get(path) ?? [])].sort(
      (a, b) => a.line - b.line || a.code.localeCompare(b.code) || a.message.localeCompare(b.message),
    );
  }

  /** Files that have cross-file problems (duplicates, supersede links) now. */
  crossProblemPaths(): string[] {
    return [...this.crossState().problems.keys()];
  }

  /** Every problem, sorted by path and line. */
  problems(): Problem[] {
    const paths = new Set([...this.decisionsByPath.keys(), ...this.runbooksByPath.keys(), ...this.notes.keys()]);
    return [...paths].sort().flatMap((path) => this.problemsFor(path));
  }

  private view(runbook: Runbook): RunbookView {
    const today = isoDay(this.options.clock.now());
    const fromGit = runbook.lastReviewedOn ? undefined : this.lastChanges.get(runbook.path);
    const lastReviewed = runbook.lastReviewedOn ?? fromGit;
    const days = this.options.runbookReviewDays ?? 180;
    const reviewDue = lastReviewed
      ? ((runbook.reviewIn ? addPeriod(lastReviewed, runbook.reviewIn) : undefined) ?? addDays(lastReviewed, days))
      : undefined;
    const stale = reviewDue !== undefined && reviewDue < today;
    const problems = [...runbook.problems];
    if (stale) {
      problems.push({
        path: runbook.path,
        line: runbook.lastReviewedLine ?? 0,
        code: 'stale-runbook',
        severity: 'warning',
        message: `This runbook was due for review on ${reviewDue}; review it and set last_reviewed_on.`,
      });
    }
    return {
      ...runbook,
      lastReviewed,
      lastReviewedSource: runbook.lastReviewedOn ? 'frontMatter' : fromGit ? 'git' : undefined,
      reviewDue,
      stale,
      problems,
    };
  }

  /**
   * Links to record files that do not exist (`broken-link`, naming the record that now has the
   * number when there is one: a rename) and "ADR-17" mentions of a number the folder does not have
   * (`unknown-record`).
   */
  private checkLinks(add: (problem: Problem) => void): void {
    if (this.linking.size === 0) return;
    const folders = new Set<string>();
    for (const decision of this.decisionsByPath.values()) folders.add(decision.folder);
    const exists = (path: string): boolean =>
      this.decisionsByPath.has(path) || this.notes.has(path) || this.runbooksByPath.has(path);
    for (const decision of this.linking) {
      const reported = new Set<string>();
      for (const link of decision.links ?? []) {
        const folder = dirname(link.path);
        const name = basename(link.path);
        if (!folders.has(folder) || isSkippedDecisionFile(name) || exists(link.path) || reported.has(link.path))
          continue;
        reported.add(link.path);
        const number = numberFromFileName(name)?.number;
        const renamed = number === undefined ? undefined : numbered(this.byNumber, folder, number);
        add({
          path: decision.path,
          line: link.line,
          code: 'broken-link',
          severity: 'warning',
          message: renamed
            ? `${link.href} does not exist; ${basename(renamed.path)} has its number now (renamed?).`
            : `${link.href} does not exist; fix or remove the link.`,
        });
      }
      for (const mention of decision.mentions ?? []) {
        if (mention.number === decision.number || numbered(this.byNumber, decision.folder, mention.number)) continue;
        const key = `#${mention.number}`;
        if (reported.has(key)) continue;
        reported.add(key);
        add({
          path: decision.path,
          line: mention.line,
          code: 'unknown-record',
          severity: 'warning',
          message: `${mention.text} names no decision record of this folder (there is no number ${mention.number}).`,
        });
      }
    }
  }

  private crossState(): CrossState {
    if (this.cross) return this.cross;
    const problems = new Map<string, Problem[]>();
    const links = new Map<string, Links>();
    const add = (problem: Problem): void => {
      const list = problems.get(problem.path) ?? [];
      list.push(problem);
      problems.set(problem.path, list);
    };
    const byNumber = this.byNumber;
    for (const key of this.duplicateKeys) {
      const group = byNumber.get(key) ?? [];
      for (const decision of group) {
        const others = group
          .filter((d) => d !== decision)
          .map((d) => basename(d.path))
          .sort();
        add({
          path: decision.path,
          line: decision.titleLine ?? 0,
          code: 'duplicate-number',
          severity: 'error',
          message: `Number ${decision.number} is also used by ${others.join(', ')}; renumber one of them.`,
        });
      }
    }
    const linksOf = (path: string): Links => {
      let entry = links.get(path);
      if (!entry) {
        entry = { supersedes: [], supersededBy: [] };
        links.set(path, entry);
      }
      return entry;
    };
    const resolve = (decision: Decision, ref: Decision['references'][number]): Decision | undefined => {
      if (ref.path) {
        const direct = this.decisionsByPath.get(ref.path) ?? this.decisionsByPath.get(`${ref.path}.md`);
        if (direct) return direct;
        // "doc/adr/0021-x.md" written from the repository root: the same file name in this folder.
        const name = basename(ref.path);
        const sibling = `${decision.folder}/${name}`; // folder paths are normalized already
        return this.decisionsByPath.get(sibling) ?? this.decisionsByPath.get(`${sibling}.md`);
      }
      return ref.number === undefined ? undefined : numbered(byNumber, decision.folder, ref.number);
    };
    const said = new Set<string>();
    const broken = new Set<string>();
    const pairs: { from: Decision; to: Decision; relation: 'supersedes' | 'supersededBy'; line: number }[] = [];
    for (const decision of this.referencing) {
      for (const ref of decision.references) {
        if (ref.relation !== 'supersedes' && ref.relation !== 'supersededBy') continue;
        const target = resolve(decision, ref);
        if (target === decision) {
          const key = `${decision.path}\u0000self`;
          if (broken.has(key)) continue;
          broken.add(key);
          add({
            path: decision.path,
            line: ref.line,
            code: 'self-supersede',
            severity: 'error',
            message: `This record says it ${ref.relation === 'supersedes' ? 'supersedes' : 'is superseded by'} itself; link the other record.`,
          });
          continue;
        }
        if (!target) {
          const what = ref.path ? basename(ref.path) : `number ${ref.number}`;
          // One problem per (record, relation, target), however often the record repeats the link.
          const key = `${decision.path}\u0000${ref.relation}\u0000${what}`;
          if (broken.has(key)) continue;
          broken.add(key);
          add({
            path: decision.path,
            line: ref.line,
            code: 'broken-supersede',
            severity: 'error',
            message: `${ref.relation === 'supersedes' ? 'Supersedes' : 'Superseded by'} ${what}, which is not a decision record here; fix the link.`,
          });
          continue;
        }
        const key = `${decision.path}\u0000${ref.relation}\u0000${target.path}`;
        if (said.has(key)) continue;
        said.add(key);
        pairs.push({ from: decision, to: target, relation: ref.relation, line: ref.line });
      }
    }
    for (const { from, to, relation } of pairs) {
      const newer = relation === 'supersedes' ? from : to;
      const older = relation === 'supersedes' ? to : from;
      if (!linksOf(newer.path).supersedes.includes(older.path)) linksOf(newer.path).supersedes.push(older.path);
      if (!linksOf(older.path).supersededBy.includes(newer.path)) linksOf(older.path).supersededBy.push(newer.path);
      const back = relation === 'supersedes' ? 'supersededBy' : 'supersedes';
      if (said.has(`${to.path}\u0000${back}\u0000${from.path}`)) continue;
      const name = basename(from.path);
      add({
        path: to.path,
        line: to.statusLocation?.line ?? to.titleLine ?? 0,
        code: 'non-reciprocal-supersede',
        severity: 'warning',
        message:
          relation === 'supersedes'
            ? `${name} supersedes this record, but this record does not say "Superseded by" it; add the link back.`
            : `${name} says it is superseded by this record, but this record does not say "Supersedes" it; add the link back.`,
      });
    }
    this.checkLinks(add);
    for (const cycle of supersedeCycles(links)) {
      const names = [...cycle, cycle[0]].map((p) => basename(p)).join(' → ');
      for (const path of cycle) {
        const decision = this.decisionsByPath.get(path);
        add({
          path,
          line: decision?.statusLocation?.line ?? decision?.titleLine ?? 0,
          code: 'supersede-cycle',
          severity: 'error',
          message: `Supersede links go round in a circle (${names} is superseded by the next); only one of them can be the newest.`,
        });
      }
    }
    this.cross = { problems, links };
    return this.cross;
  }
}

/** The record of `folder` with `number` (the first by path when there are several). */
function numbered(byNumber: Map<string, Decision[]>, folder: string, number: number): Decision | undefined {
  const list = byNumber.get(numberKey(folder, number)) ?? [];
  return list.length < 2 ? list[0] : [...list].sort((a, b) => a.path.localeCompare(b.path))[0];
}

/** Each cycle of "superseded by" links once (as paths, from its smallest path), for problems. */
function supersedeCycles(links: Map<string, Links>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const seen = new Set<string>();
  for (const start of links.keys()) {
    if (state.has(start)) continue;
    // Iterative depth-first search; the stack holds the current path.
    const stack: { path: string; next: number }[] = [{ path: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const newer = links.get(top.path)?.supersededBy ?? [];
      if (top.next >= newer.length) {
        state.set(top.path, 'done');
        stack.pop();
        continue;
      }
      const child = newer[top.next++];
      const childState = state.get(child);
      if (childState === 'active') {
        const cycle = stack.slice(stack.findIndex((e) => e.path === child)).map((e) => e.path);
        const first = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(first), ...cycle.slice(0, first)];
        const key = canonical.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(canonical);
        }
      } else if (childState === undefined) {
        state.set(child, 'active');
        stack.push({ path: child, next: 0 });
      }
    }
  }
  return cycles;
}

function numberKey(folder: string, number: number): string {
  return `${folder}\u0000${number}`;
}

export { type LoadOptions, indexFile, loadRoot, tooLargeNote } from './load';

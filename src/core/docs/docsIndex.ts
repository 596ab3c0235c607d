/** The DocsIndex: every decision record and runbook of a workspace, one file at a time. */
import type { Clock } from '../clock';
import { type CrossState, type Links, crossFileState, numberKey } from './crossFile';
import { DateOrders } from './dateOrder';
import { isoDay } from './dates';
import { looksLikeDecision, parseDecision, parseRunbook } from './parse';
import type { RunbookPlacing } from './runbook';
import { viewRunbook } from './runbookView';
import { RunbookCollections, sectionState } from './runbooks';
import type { Decision, Problem, Runbook, RunbookView } from './types';

export type { Links } from './crossFile';

const collator = new Intl.Collator();

export interface DocsIndexOptions {
  clock: Clock;
  /** Days between runbook reviews when a runbook has no `review_in` (`cadence.docs.runbookReviewDays`). */
  runbookReviewDays?: number;
  /** Sections every runbook outside an alert collection must have (`cadence.docs.runbookSections`). */
  runbookSections?: string[];
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
  private readonly collections = new RunbookCollections();
  private readonly notes = new Map<string, Problem>();
  private readonly lastChanges = new Map<string, string>();
  /** Records by folder and number, kept up to date on every change (duplicates without a scan). */
  private readonly byNumber = new Map<string, Decision[]>();
  private readonly duplicateKeys = new Set<string>();
  /** Records that name another in a supersede link: the only ones the cross pass must resolve. */
  private readonly referencing = new Set<Decision>();
  /** Records with links to Markdown files or "ADR-17" mentions, checked in the cross-file pass. */
  private readonly linking = new Set<Decision>();
  /** How each folder writes slashed dates (`05/02/2018`); sets the date of records it settles. */
  private readonly dates = new DateOrders();
  private cross: CrossState | undefined;
  /** `decisions()` in order, until the set of records changes. */
  private sorted: Decision[] | undefined;

  constructor(private readonly options: DocsIndexOptions) {}

  /** Days between runbook reviews when a runbook has no `review_in` (a settings change). */
  setRunbookReviewDays(days: number): void {
    this.options.runbookReviewDays = days;
  }

  /** Sections runbooks outside alert collections must have (a settings change). */
  setRunbookSections(sections: string[]): void {
    this.options.runbookSections = sections;
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
    this.dates.add(decision);
    return decision;
  }

  /**
   * Parses `text` as a runbook found at `placing` (its folder by default); a candidate whose front
   * matter does not mark a runbook is dropped (undefined).
   */
  setRunbook(path: string, text: string, folder: string, placing?: RunbookPlacing): Runbook | undefined {
    this.remove(path);
    const runbook = parseRunbook(path, text, folder, placing ?? { evidence: 'folder' });
    if (!runbook) return undefined;
    this.runbooksByPath.set(path, runbook);
    this.collections.add(runbook);
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
      this.dates.remove(decision);
      if (decision.number !== undefined) {
        const key = numberKey(decision.folder, decision.number);
        const list = (this.byNumber.get(key) ?? []).filter((d) => d !== decision);
        if (list.length === 0) this.byNumber.delete(key);
        else this.byNumber.set(key, list);
        if (list.length < 2) this.duplicateKeys.delete(key);
      }
      this.cross = undefined;
    }
    const runbook = this.runbooksByPath.get(path);
    if (runbook) this.collections.remove(runbook);
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
    return runbook && this.counts(runbook) ? this.view(runbook) : undefined;
  }

  runbooks(): RunbookView[] {
    return [...this.runbooksByPath.values()]
      .filter((r) => this.counts(r))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((r) => this.view(r));
  }

  /** A file of an `alerts/` folder is a runbook only while its collection is one of alert runbooks. */
  private counts(runbook: Runbook): boolean {
    return runbook.evidence !== 'alerts' || this.collections.isAlertCollection(runbook.collection);
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
    const own = decision?.problems ?? (runbook && this.counts(runbook) ? this.view(runbook).problems : []);
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
    const runbooks = [...this.runbooksByPath.values()].filter((r) => this.counts(r)).map((r) => r.path);
    const paths = new Set([...this.decisionsByPath.keys(), ...runbooks, ...this.notes.keys()]);
    return [...paths].sort().flatMap((path) => this.problemsFor(path));
  }

  private view(runbook: Runbook): RunbookView {
    const today = isoDay(this.options.clock.now());
    const sections = sectionState(
      runbook,
      this.collections.isAlertCollection(runbook.collection),
      this.options.runbookSections ?? [],
    );
    return viewRunbook(runbook, today, this.lastChanges.get(runbook.path), this.options.runbookReviewDays, sections);
  }

  private crossState(): CrossState {
    this.cross ??= crossFileState({
      decisionsByPath: this.decisionsByPath,
      otherPath: (path) => this.notes.has(path) || this.runbooksByPath.has(path),
      byNumber: this.byNumber,
      duplicateKeys: this.duplicateKeys,
      referencing: this.referencing,
      linking: this.linking,
      dates: this.dates,
    });
    return this.cross;
  }
}

/**
 * The documentation duty list: everything a writer should look at this week, from evidence in the
 * repository — broken path references (with where git saw them go), drift, overdue runbooks,
 * missing sections, decisions stuck in Proposed, records with problems, stale guides. One model
 * for the tree, the language server and the CLI. Paths are absolute here, lines 0-based.
 */
import type { Clock } from '../clock';
import { addDays, isoDay } from './dates';
import type { Guide } from './guides';
import type { HistoryEvidence, RenameIndex } from './history';
import type { DocsIndex } from './docsIndex';
import type { PathRef } from './pathRefs';
import { joinPath, relativePath } from './paths';
import { siteTargets } from './siteLinks';

export type DutyKind =
  'broken-path' | 'drift' | 'stale-runbook' | 'missing-section' | 'proposed-stale' | 'problem' | 'guide-stale';

export interface DutyItem {
  kind: DutyKind;
  /** The problem code for `problem` items (and `broken-link` for a broken link). */
  code?: string;
  /** Absolute path of the doc. */
  path: string;
  /** 0-based line; undefined when the item is about the whole file. */
  line?: number;
  /** 0-based column range of the reference on `line` (broken paths). */
  start?: number;
  end?: number;
  message: string;
  /** The path the item is about (repository-relative): a broken reference, the most-changed named path. */
  target?: string;
  /** Where a broken reference went, when git saw a rename (repository-relative). */
  renamedTo?: string;
  /** Commits behind a drift item. */
  commits?: number;
  severity: 'error' | 'warning' | 'info';
}

export interface DutySettings {
  /** `cadence.docs.driftCommits`: commits to named paths since the doc's last change (5). */
  driftCommits: number;
  /** `cadence.docs.proposedDays`: days a decision may stay Proposed (30). */
  proposedDays: number;
  /** `cadence.docs.guideStaleMonths`: months a guide may stay untouched (6). */
  guideStaleMonths: number;
}

export const DEFAULT_DUTY_SETTINGS: DutySettings = { driftCommits: 5, proposedDays: 30, guideStaleMonths: 6 };

export interface DutyInput {
  /** Absolute path of the repository root: history and references are relative to it. */
  root: string;
  index: DocsIndex;
  guides: readonly Guide[];
  /** Path references per doc (absolute doc path). */
  refs: ReadonlyMap<string, readonly PathRef[]>;
  /** True when a repository-relative path (a folder when it ends in '/') is there today. */
  exists(path: string): boolean;
  history?: HistoryEvidence;
  renames?: RenameIndex;
  settings?: Partial<DutySettings>;
  clock: Clock;
}

const DAY = 24 * 60 * 60 * 1000;

/** "4 months ago", "12 days ago", "today": for messages. */
export function ago(fromMs: number, nowMs: number): string {
  const days = Math.floor((nowMs - fromMs) / DAY);
  if (days <= 0) return 'today';
  if (days < 2) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  const months = Math.floor(days / 30.44);
  if (months < 24) return `${months} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

/**
 * Broken path references of one doc (at `docRel`, repository-relative): named paths that are not
 * there, with where they went. A link of a site's page is there when the site serves it (siteLinks.ts).
 */
export function brokenRefs(
  refs: readonly PathRef[],
  exists: (path: string) => boolean,
  renames: RenameIndex | undefined,
  docRel: string,
): { ref: PathRef; renamedTo?: string; deleted: boolean }[] {
  const out: { ref: PathRef; renamedTo?: string; deleted: boolean }[] = [];
  const said = new Set<string>();
  for (const ref of refs) {
    if (exists(ref.path)) continue;
    if (ref.kind === 'link' && siteTargets(ref.written, ref.path, docRel, exists).some(exists)) continue;
    const wasTracked = renames?.wasTracked(ref.path) ?? false;
    // Inline code is a path only when git knows it; a link always points at a file.
    if (ref.kind === 'code' && !wasTracked) continue;
    const key = `${ref.line}\u0000${ref.path}`;
    if (said.has(key)) continue;
    said.add(key);
    const renamedTo = renames?.renamedTo(ref.path, exists);
    out.push({ ref, renamedTo: renamedTo && exists(renamedTo) ? renamedTo : undefined, deleted: wasTracked });
  }
  return out;
}

/** Every duty item, sorted by path, then line. */
export function dutyItems(input: DutyInput): DutyItem[] {
  const settings = { ...DEFAULT_DUTY_SETTINGS, ...input.settings };
  const now = input.clock.now();
  const today = isoDay(now);
  const rel = (path: string): string => relativePath(input.root, path);
  const items: DutyItem[] = [];
  const brokenAt = new Set<string>();
  for (const [doc, refs] of input.refs) {
    for (const { ref, renamedTo, deleted } of brokenRefs(refs, input.exists, input.renames, rel(doc))) {
      brokenAt.add(`${doc}\u0000${ref.line}`);
      const what = ref.kind === 'link' ? 'links to' : 'names';
      const where = renamedTo
        ? `it was renamed to \`${renamedTo}\``
        : deleted
          ? 'it was deleted'
          : 'no such file or folder is in the repository';
      items.push({
        kind: 'broken-path',
        code: ref.kind === 'link' ? 'broken-link' : undefined,
        path: doc,
        line: ref.line,
        start: ref.start,
        end: ref.end,
        message: `This doc ${what} \`${ref.path}\`, which is gone: ${where}.`,
        target: ref.path,
        renamedTo,
        severity: 'warning',
      });
    }
  }
  const history = input.history;
  if (history) {
    for (const [doc, commits] of history.driftCommits) {
      if (commits < settings.driftCommits) continue;
      const perRef = [...(history.refCommits.get(doc) ?? new Map<string, number>())].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      );
      const [top, topCount] = perRef[0] ?? ['', 0];
      const last = history.lastChange.get(doc);
      const others = perRef.length > 1 ? ` and ${perRef.length - 1} more it names` : ' (a path it names)';
      items.push({
        kind: 'drift',
        path: joinPath(input.root, doc),
        message:
          `${commits} commits to ${perRef.length > 1 ? `\`${top}\` (${topCount})${others}` : `\`${top}\`${others}`}` +
          ` since it was last edited${last !== undefined ? ` (${ago(last, now)})` : ''}; check it still says what the code does.`,
        target: top || undefined,
        commits,
        severity: 'info',
      });
    }
  }
  const lastChangeOf = (path: string): number | undefined => history?.lastChange.get(rel(path));
  for (const runbook of input.index.runbooks()) {
    if (!runbook.stale) continue;
    items.push({
      kind: 'stale-runbook',
      code: 'stale-runbook',
      path: runbook.path,
      line: runbook.lastReviewedLine,
      message: `Review overdue since ${runbook.reviewDue} (last reviewed ${runbook.lastReviewed}${runbook.lastReviewedSource === 'git' ? ', from git' : ''}).`,
      severity: 'warning',
    });
  }
  for (const decision of input.index.decisions()) {
    if (decision.status !== 'proposed') continue;
    const changed = lastChangeOf(decision.path);
    const since = decision.date ?? (changed !== undefined ? isoDay(changed) : undefined);
    const due = since ? addDays(since, settings.proposedDays) : undefined;
    if (!since || !due || due >= today) continue;
    const days = Math.round((Date.parse(today) - Date.parse(since)) / DAY);
    items.push({
      kind: 'proposed-stale',
      path: decision.path,
      line: decision.statusLocation?.line ?? decision.titleLine,
      message: `Proposed since ${since} (${days} days${decision.date ? '' : ', from git'}); accept, reject or withdraw it.`,
      severity: 'info',
    });
  }
  for (const problem of input.index.problems()) {
    const code: string = problem.code;
    // A missing standard section is a writer's job at any level; other notes (skipped files) are not.
    if ((problem.severity === 'info' && code !== 'missing-section') || code === 'stale-runbook') continue;
    // The language server's broken-link and the duty's broken path are one problem, said once.
    if (code === 'broken-link' && brokenAt.has(`${problem.path}\u0000${problem.line}`)) continue;
    items.push({
      kind: code === 'missing-section' ? 'missing-section' : 'problem',
      code,
      path: problem.path,
      line: problem.line,
      message: problem.message,
      severity: problem.severity,
    });
  }
  for (const guide of input.guides) {
    const changed = lastChangeOf(guide.path);
    if (changed === undefined) continue;
    const dueMonths = monthsBetween(changed, now);
    if (dueMonths < settings.guideStaleMonths) continue;
    items.push({
      kind: 'guide-stale',
      path: guide.path,
      message: `Untouched since ${isoDay(changed)} (${ago(changed, now)}); read it as a newcomer would and fix what is no longer true.`,
      severity: 'info',
    });
  }
  return items.sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      (a.line ?? -1) - (b.line ?? -1) ||
      a.kind.localeCompare(b.kind) ||
      a.message.localeCompare(b.message),
  );
}

/** Whole calendar months from `from` to `to` (UTC dates). */
function monthsBetween(fromMs: number, toMs: number): number {
  const a = new Date(fromMs);
  const b = new Date(toMs);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months--;
  return months;
}

/** A guide with its age, for the Guides tree and the CLI. */
export interface GuideView extends Guide {
  /** Epoch ms of its last commit; undefined when git has none. */
  lastChange?: number;
  stale: boolean;
}

export function guideViews(
  guides: readonly Guide[],
  root: string,
  history: HistoryEvidence | undefined,
  clock: Clock,
  settings: Partial<DutySettings> = {},
): GuideView[] {
  const months = settings.guideStaleMonths ?? DEFAULT_DUTY_SETTINGS.guideStaleMonths;
  const now = clock.now();
  return guides.map((guide) => {
    const lastChange = history?.lastChange.get(relativePath(root, guide.path));
    return { ...guide, lastChange, stale: lastChange !== undefined && monthsBetween(lastChange, now) >= months };
  });
}

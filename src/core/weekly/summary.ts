// The 3–4 sentence summary at the top of the draft: built from the classified changes only, so the
// same week always reads the same and nothing needs a network or a model.
import type { BlockerItem, FocusSummary, ShippedItem, WeeklyDraft } from './model';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "a, b and c" */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "9h", "1h 30m", "45m". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded}m`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/** "9h of focus in 6 blocks, mostly on `feat/billing`", or null without focus history. */
export function focusLine(focus: FocusSummary | null, repos: readonly string[] = []): string | null {
  if (!focus || focus.blocks === 0) return null;
  const top = focus.byBranch
    .filter((entry) => entry.branch !== '(no branch)')
    .sort((a, b) => b.minutes - a.minutes || a.branch.localeCompare(b.branch))[0];
  const mostly = top && top.minutes > 0 ? `, mostly on \`${top.branch}\`` : '';
  const where = repos.length > 0 ? ` in ${listing(repos)}` : '';
  return `${formatMinutes(focus.minutes)} of focus in ${plural(focus.blocks, 'block')}${where}${mostly}`;
}

/** The most common values first, ties in first-seen order. */
function topValues(values: readonly string[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([value]) => value);
}

/**
 * A title as it reads inside a sentence: its first line and first clause, without trailing
 * punctuation, so "Fix login. Also tidy CSS." cannot add sentences or double periods.
 */
export function clause(title: string): string {
  const line = title.split(/\r?\n/)[0];
  const first = line.split(/(?<=[.!?;])\s+/)[0];
  const strip = (text: string) => text.replace(/[\s.!?;:,…]+$/u, '').trim();
  return strip(first) || strip(line.replace(/[.!?;]+\s+/g, ' ')) || 'untitled change';
}

/** A change named in a sentence: quoted, so imperative subjects ("Add X") still read as names. */
function named(item: ShippedItem): string {
  return `“${clause(item.title)}”`;
}

/** "this week" for the current week, "in week 46" for another one, "in this period" for ranges. */
function periodWords(draft: WeeklyDraft, now: number | undefined): string {
  const { window } = draft;
  if (window.kind !== 'week') return 'in this period';
  if (now === undefined || (now >= window.start && now < window.end)) return 'this week';
  const week = /-W(\d+)$/.exec(window.id);
  return week ? `in week ${Number(week[1])}` : 'in that week';
}

/** ": “a” and “b”" when every item is named, ", including “a” and “b”" when some are not. */
function naming(items: readonly ShippedItem[], total: number): string {
  if (items.length === 0) return '';
  const list = listing(items.map(named));
  return items.length === total ? `: ${list}` : `, including ${list}`;
}

/** ", reviewed 3 PRs, closed 2 issues" (GitHub evidence), or "". */
function githubWork(draft: WeeklyDraft): string {
  const parts: string[] = [];
  if (draft.reviews.length > 0) parts.push(`reviewed ${plural(draft.reviews.length, 'PR')}`);
  if (draft.issuesClosed.length > 0) parts.push(`closed ${plural(draft.issuesClosed.length, 'issue')}`);
  return parts.length > 0 ? `; ${listing(parts)}` : '';
}

function shippedSentence(draft: WeeklyDraft, now: number | undefined, highlights: readonly ShippedItem[]): string {
  const { shipped } = draft;
  const work = githubWork(draft);
  if (shipped.length === 0 && work) return `No merged PRs ${periodWords(draft, now)}; ${work.slice(2)}.`;
  if (shipped.length === 0)
    return `No shipped changes ${periodWords(draft, now)} — write down what happened off the commit log.`;
  const prs = shipped.filter((item) => item.ref !== undefined).length;
  if (prs > 0) {
    const others = shipped.length - prs;
    const also = others > 0 ? ` and ${plural(others, 'other change')}` : '';
    return `Merged ${plural(prs, 'PR')}${also}${naming(highlights, shipped.length)}${work}.`;
  }
  const scopes = topValues(
    shipped.flatMap((item) => areasOf(item.scope)),
    3,
  );
  const repos = topValues(
    shipped.map((item) => item.repo),
    3,
  );
  // "6 changes to the dashboards" only when all six are; else how many are: "6 changes (2 to the
  // dashboards)", never a week that reads as all about the one area some of it touched.
  const covered = shipped.filter((item) => areasOf(item.scope).some((area) => scopes.includes(area))).length;
  const where =
    scopes.length === 0
      ? repos.length > 1
        ? ` across ${listing(repos)}`
        : ''
      : covered === shipped.length
        ? ` to ${listing(scopes)}`
        : ` (${covered} to ${listing(scopes)})`;
  return `Shipped ${plural(shipped.length, 'change')}${where}${naming(highlights, shipped.length)}.`;
}

/** Scopes that name no area of the code: left out of "changes to …". */
const NOT_AREAS = new Set(['commit', 'release', 'main', 'master', 'all', '*', 'misc', 'other', 'general', 'wip']);
const DEPENDENCIES = new Set(['deps', 'dep', 'deps-dev', 'dev-deps', 'dependencies', 'dependency', 'devdeps']);
const ACRONYMS = new Set([
  'api',
  'ui',
  'ux',
  'cli',
  'sdk',
  'db',
  'css',
  'html',
  'ci',
  'cd',
  'lsp',
  'ssr',
  'rpc',
  'sql',
]);

/** A scope that names code rather than a thing in words: `optimize-deps`, `create_app`, `@scope/pkg`, `v2`, `useQuery`. */
const CODE_NAME = /[-_/.@\d]|[a-z][A-Z]/;

/**
 * A scope as it reads after "changes to": "the parser", "the API", "dependencies", and a name from
 * the code as code ("`optimize-deps`"); null for scopes that are not areas (`commit`, `release`,
 * `main`, …).
 */
export function areaWords(scope: string | null): string | null {
  const raw = scope?.trim();
  if (!raw) return null;
  const key = raw.toLowerCase();
  if (NOT_AREAS.has(key)) return null;
  if (DEPENDENCIES.has(key)) return 'dependencies';
  if (ACRONYMS.has(key)) return `the ${key.toUpperCase()}`;
  return CODE_NAME.test(raw) ? `\`${raw.replace(/`/g, '')}\`` : `the ${raw}`;
}

/** The areas of a change: `feat(api, ui):` names two. */
function areasOf(scope: string | null): string[] {
  return (scope ?? '').split(/\s*,\s*/).flatMap((part) => areaWords(part) ?? []);
}

/**
 * Up to two changes worth naming first: features and breaking changes, then anything but fixes.
 * Hidden types (`ci`, `chore`, releases — listed with `--include-hidden`) are never named unless
 * breaking: a week does not lead with its pipeline tweaks.
 */
function pickHighlights(shipped: readonly ShippedItem[], hiddenTypes: ReadonlySet<string>): ShippedItem[] {
  const worth = shipped.filter((item) => item.breaking || item.type === null || !hiddenTypes.has(item.type));
  if (shipped.length === 1) return worth;
  // A revert of older work is not a highlight (and its quoted title would nest quotes).
  return firstDistinct(
    worth
      .filter((item) => item.type === 'feat' || item.breaking)
      .concat(worth.filter((item) => item.type !== 'feat' && !item.breaking && item.type !== 'fix' && !item.revert)),
    2,
  );
}

/** The first `count` items whose titles differ: two changes titled alike are named once, not twice. */
function firstDistinct(items: readonly ShippedItem[], count: number): ShippedItem[] {
  const seen = new Set<string>();
  const out: ShippedItem[] = [];
  for (const item of items) {
    const key = clause(item.title).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length === count) break;
  }
  return out;
}

function fixesSentence(shipped: readonly ShippedItem[], highlights: readonly ShippedItem[]): string | null {
  // A fix already named as a highlight (a breaking `fix!`, or the only change) is not named again.
  const fixes = shipped.filter((item) => item.type === 'fix' && !highlights.includes(item));
  const breaking = shipped.filter((item) => item.breaking);
  const parts: string[] = [];
  if (fixes.length > 0)
    parts.push(`fixed ${plural(fixes.length, 'bug')}${naming(firstDistinct(fixes, 2), fixes.length)}`);
  if (breaking.length > 0) parts.push(`${plural(breaking.length, 'breaking change')} to announce`);
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function nextSentence(draft: WeeklyDraft): string {
  const prs = draft.inProgress.filter((item) => item.kind === 'pr' || item.kind === 'draft-pr');
  if (prs.length > 0) {
    const named = prs
      .slice(0, 2)
      .map((item) => `${shortRef(item.ref)} “${clause(item.title.replace(/^\w+(\([^()]*\))?!?:\s*/, ''))}”`);
    if (prs.length > 2) named.push(plural(prs.length - 2, 'other PR'));
    return `Next: ${listing(named)}.`;
  }
  const branches = draft.inProgress.filter((item) => item.kind === 'branch');
  if (branches.length > 0) {
    const named = branches.slice(0, 2).map((item) => `${lowerFirst(clause(item.title))} (\`${item.branch}\`)`);
    const more = branches.length > 2 ? ` and ${plural(branches.length - 2, 'other branch', 'other branches')}` : '';
    return `Next: ${listing(named)}${more}.`;
  }
  const unpushed = draft.inProgress.find((item) => item.kind === 'unpushed');
  if (unpushed) return `Next: pushing ${plural(unpushed.commits.length, 'commit')} on \`${unpushed.branch}\`.`;
  const current = draft.inProgress.find((item) => item.kind === 'current');
  if (current) return `Next: carrying on with \`${current.branch}\`.`;
  if (draft.inProgress.some((item) => item.kind === 'uncommitted' || item.kind === 'stash')) {
    return 'Next: the uncommitted work in progress.';
  }
  return 'Next: nothing in flight yet — add what you plan to pick up.';
}

/** "#12" from "owner/name#12". */
function shortRef(ref: string | undefined): string {
  return ref ? ref.slice(ref.lastIndexOf('#')) : '';
}

const BLOCKED_WORDS: Record<NonNullable<BlockerItem['reason']>, string> = {
  'changes-requested': 'waits on changes requested',
  'failing-check': 'has failing checks',
  'merge-conflict': 'has a merge conflict',
  'no-reviewer': 'has no reviewer',
  'blocked-label': 'is labelled blocked',
  'waiting-on-pr': 'waits on another PR',
};

function blockersSentence(draft: WeeklyDraft): string {
  const focus = focusLine(draft.focus);
  const first = draft.blockers.find((blocker) => blocker.reason !== undefined);
  const rest = draft.blockers.length - 1;
  const blockers = first?.reason
    ? `Blocked: ${shortRef(first.ref)} ${BLOCKED_WORDS[first.reason]}${rest > 0 ? ` (${plural(rest, 'more suggestion')} to confirm)` : ''}`
    : draft.blockers.length === 0
      ? 'No blockers found'
      : `${plural(draft.blockers.length, 'possible blocker')} to confirm`;
  return focus ? `${blockers}; ${focus}.` : `${blockers}.`;
}

/**
 * Three or four sentences: shipped, fixes/breaking (when any), next, blockers (+ focus). `now` tells
 * the current week ("this week") from a past one ("in week 46"); `hiddenTypes` (lower case) are the
 * types shown only on request, never named first.
 */
export function summarize(draft: WeeklyDraft, now?: number, hiddenTypes: Iterable<string> = []): string {
  const highlights = pickHighlights(draft.shipped, new Set(hiddenTypes));
  return [
    shippedSentence(draft, now, highlights),
    fixesSentence(draft.shipped, highlights),
    nextSentence(draft),
    blockersSentence(draft),
  ]
    .filter((sentence): sentence is string => sentence !== null)
    .join(' ');
}

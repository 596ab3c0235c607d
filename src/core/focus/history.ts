// Focus history: one JSON object per line, appended when a block ends. The weekly update reads it
// through `summarizeFocus` ("9h of focus in 6 blocks, mostly on feat/billing").

/** One finished focus block, as stored in focus-history.jsonl. */
export interface FocusBlockRecord {
  id: string;
  startedAt: number;
  endedAt: number;
  plannedMinutes: number;
  actualMinutes: number;
  completed: boolean;
  workspace?: string;
  /** The local folder the block ran in (its git work tree), to tie the block to a repository. */
  repo?: string;
  branchAtStart?: string;
  branchAtEnd?: string;
  commits: string[];
}

/** Focus inside a time window. `byBranch` is sorted by minutes, most first. */
export interface FocusSummary {
  blocks: number;
  minutes: number;
  completed: number;
  byBranch: { branch: string; minutes: number }[];
}

const MINUTE = 60_000;

function isRecord(value: unknown): value is FocusBlockRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const optionalString = (key: string) => r[key] === undefined || typeof r[key] === 'string';
  return (
    typeof r.id === 'string' &&
    Number.isFinite(r.startedAt) &&
    Number.isFinite(r.endedAt) &&
    (r.endedAt as number) >= (r.startedAt as number) &&
    Number.isFinite(r.plannedMinutes) &&
    Number.isFinite(r.actualMinutes) &&
    typeof r.completed === 'boolean' &&
    optionalString('workspace') &&
    optionalString('repo') &&
    optionalString('branchAtStart') &&
    optionalString('branchAtEnd') &&
    Array.isArray(r.commits) &&
    r.commits.every((c) => typeof c === 'string')
  );
}

/**
 * Parses focus-history.jsonl. Tolerant: a torn last line (crash mid-append), a blank line or a
 * record from a future version with missing fields is skipped, never fatal. Duplicated ids (the
 * same block appended twice) keep the first.
 */
export function parseFocusHistory(text: string): FocusBlockRecord[] {
  return parseFocusHistoryLines(text).records;
}

/** parseFocusHistory, also naming the lines that are not a record (1-based), for `cadence focus`. */
export function parseFocusHistoryLines(text: string): { records: FocusBlockRecord[]; corruptLines: number[] } {
  const records: FocusBlockRecord[] = [];
  const corruptLines: number[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      corruptLines.push(i + 1);
      continue;
    }
    if (!isRecord(value)) corruptLines.push(i + 1);
    else if (!seen.has(value.id)) {
      seen.add(value.id);
      records.push(value);
    }
  }
  return { records, corruptLines };
}

/** One line of focus-history.jsonl (with its newline). */
export function serializeFocusRecord(record: FocusBlockRecord): string {
  return JSON.stringify(record) + '\n';
}

/**
 * Focus minutes inside `window` (half-open, epoch ms). A block that overlaps the window counts with
 * only its overlapping part, scaled by how much of its wall time was focus (pauses excluded).
 * Blocks with no branch count under "(no branch)".
 */
export function summarizeFocus(
  records: readonly FocusBlockRecord[],
  window: { start: number; end: number },
  include: (record: FocusBlockRecord) => boolean = () => true,
): FocusSummary {
  let blocks = 0;
  let minutes = 0;
  let completed = 0;
  const byBranch = new Map<string, number>();
  for (const record of records) {
    if (!include(record)) continue;
    const from = Math.max(record.startedAt, window.start);
    const to = Math.min(record.endedAt, window.end);
    if (to <= from && !(record.startedAt === record.endedAt && from === to && to < window.end)) continue;
    const wall = record.endedAt - record.startedAt;
    const share = wall > 0 ? (to - from) / wall : 1;
    const clipped = Math.min(record.actualMinutes, wall / MINUTE) * share;
    blocks += 1;
    minutes += clipped;
    if (record.completed) completed += 1;
    const branch = record.branchAtStart ?? record.branchAtEnd ?? '(no branch)';
    byBranch.set(branch, (byBranch.get(branch) ?? 0) + clipped);
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    blocks,
    minutes: round(minutes),
    completed,
    byBranch: [...byBranch]
      .map(([branch, m]) => ({ branch, minutes: round(m) }))
      .sort((a, b) => b.minutes - a.minutes || a.branch.localeCompare(b.branch)),
  };
}

/** `path` is `root` or inside it (either separator; paths compared as given). */
function within(path: string, root: string): boolean {
  const trimmed = root.replace(/[\\/]+$/, '');
  return path === trimmed || path.startsWith(`${trimmed}/`) || path.startsWith(`${trimmed}\\`);
}

/**
 * Whether a block belongs to one of these repositories: it ran in the repository (or a folder inside
 * it). Records written before blocks kept their folder count when they have a branch and their
 * workspace has the repository's name; a block outside any git folder (no branch) never counts.
 */
export function blockInRepos(record: FocusBlockRecord, repos: readonly { path: string; name: string }[]): boolean {
  if (record.repo !== undefined) return repos.some((repo) => within(record.repo!, repo.path));
  const branch = record.branchAtStart ?? record.branchAtEnd;
  return branch !== undefined && repos.some((repo) => repo.name === record.workspace);
}

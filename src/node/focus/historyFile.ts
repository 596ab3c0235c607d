// focus-history.jsonl in the global storage folder: append-only, one record per line. Appends of a
// single short line with O_APPEND are atomic enough that two windows never interleave records; a
// torn last line after a crash is skipped by the parser.
import { realpathSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import {
  blockInRepos,
  parseFocusHistory,
  serializeFocusRecord,
  summarizeFocus,
  type FocusBlockRecord,
  type FocusSummary,
} from '../../core/focus/history';

export const FOCUS_HISTORY_FILE = 'focus-history.jsonl';

/** The real path of a folder (repositories are named by git's real top level), else the path as given. */
function realpathOr(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** Every record in the file; an empty list when it does not exist yet. */
export async function readFocusHistory(file: string): Promise<FocusBlockRecord[]> {
  try {
    return parseFocusHistory(await fsp.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Appends one record (creating the folder and file on first use). */
export async function appendFocusRecord(file: string, record: FocusBlockRecord): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  // If a crash left a torn line without its newline, start on a fresh line.
  let prefix = '';
  try {
    const handle = await fsp.open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
    } finally {
      await handle.close();
    }
  } catch {
    // no file yet
  }
  await fsp.appendFile(file, prefix + serializeFocusRecord(record), { encoding: 'utf8', flag: 'a' });
}

/**
 * Focus time inside a window, for the weekly update; null when no block overlaps it (or the file is
 * missing or unreadable: a draft must never fail because of its Focus section).
 */
export async function focusSummaryFor(
  file: string,
  window: { start: number; end: number },
  repos?: readonly string[],
): Promise<FocusSummary | null> {
  let records: FocusBlockRecord[];
  try {
    records = await readFocusHistory(file);
  } catch {
    return null;
  }
  // Only the blocks run in the draft's repositories: focus in another folder is not this update's.
  let include: ((record: FocusBlockRecord) => boolean) | undefined;
  if (repos) {
    const roots = repos.map((root) => ({ path: root, name: path.basename(root) }));
    const real = new Map<string, string>();
    const resolved = (folder: string) => {
      if (!real.has(folder)) real.set(folder, realpathOr(folder));
      return real.get(folder)!;
    };
    include = (record) =>
      blockInRepos(record, roots) ||
      (record.repo !== undefined && blockInRepos({ ...record, repo: resolved(record.repo) }, roots));
  }
  const summary = summarizeFocus(records, window, include);
  return summary.blocks > 0 ? summary : null;
}

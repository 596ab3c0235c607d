// focus-history.jsonl in the global storage folder: append-only, one record per line. Appends of a
// single short line with O_APPEND are atomic enough that two windows never interleave records; a
// torn last line after a crash is skipped by the parser.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import {
  blockInRepos,
  parseFocusHistoryLines,
  serializeFocusRecord,
  summarizeFocus,
  type FocusBlockRecord,
  type FocusSummary,
} from '../../core/focus/history';

export const FOCUS_HISTORY_FILE = 'focus-history.jsonl';

/** The real path of a folder (repositories are named by git's real top level), else the path as given. */
function realpathOr(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return folder;
  }
}

/** Every record in the file; an empty list when it does not exist yet. */
export async function readFocusHistory(file: string): Promise<FocusBlockRecord[]> {
  return (await readFocusHistoryFile(file))?.records ?? [];
}

/**
 * The history file's records and the 1-based numbers of its lines that are not records; undefined
 * when the file does not exist. Only a regular file is read: a FIFO or device named by
 * CADENCE_FOCUS_HISTORY or `--history` is refused at once instead of blocking the reader.
 */
export async function readFocusHistoryFile(
  file: string,
): Promise<{ records: FocusBlockRecord[]; corruptLines: number[] } | undefined> {
  let handle: fsp.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    handle = await fsp.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${file} is not a regular file`);
    return parseFocusHistoryLines(await handle.readFile('utf8'));
  } finally {
    await handle.close();
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

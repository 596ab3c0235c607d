// Saved updates (`cadence.weekly.folder`, e.g. updates/2026-W47.md): "since my last update" starts
// where the newest one ends, and the one before this window provides last week's "next" items.
import { readdirSync, realpathSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { TimeWindow } from '../../core/weekly/model';
import { type WeekOptions, windowFromId } from '../../core/weekly/window';
import { readTextFile } from '../regularFile';

export interface SavedUpdate {
  path: string;
  window: TimeWindow;
  /**
   * Where the update stops: its window's end, or when it was saved if that came first (this week's
   * update saved on Friday covers up to Friday, so "since my last update" starts there, not Monday).
   */
  end: number;
}

const UPDATE_NAME = /^(.+?)(?:-\d+)?\.(md|markdown|txt)$/;

/** Whether `name` is a saved update's file name (`2026-W47.md`, `2026-W47-2.md`, a range id). */
export function isUpdateName(name: string, options: WeekOptions): boolean {
  const match = UPDATE_NAME.exec(name);
  return match !== null && windowFromId(match[1], options) !== null;
}

/** The file's real path when it can be resolved (git reports the repository's real top level). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * A test for "is this one of the saved updates in `folder`" over absolute paths, as `git status`
 * names them: a file, or the folder itself (git names an untracked folder, not its files) when it
 * holds nothing but saved updates.
 */
export function savedUpdateTest(folder: string, options: WeekOptions): (path: string) => boolean {
  const folders = new Set([resolve(folder), real(folder)]);
  const isFolder = (path: string) => folders.has(resolve(path)) || folders.has(real(path));
  return (path) => {
    if (/[\\/]$/.test(path)) {
      if (!isFolder(path)) return false;
      try {
        return readdirSync(path).every((name) => isUpdateName(name, options));
      } catch {
        return false;
      }
    }
    return isFolder(dirname(path)) && isUpdateName(basename(path), options);
  };
}

/** Saved updates in `folder`, oldest first (by the end of the window they cover). */
export async function listUpdates(folder: string, options: WeekOptions): Promise<SavedUpdate[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const found: SavedUpdate[] = [];
  for (const name of names) {
    const match = UPDATE_NAME.exec(name);
    const window = match ? windowFromId(match[1], options) : null;
    if (!window) continue;
    const path = join(folder, name);
    const saved = await stat(path).then(
      (info) => info.mtimeMs,
      () => window.end,
    );
    found.push({ path, window, end: Math.max(window.start, Math.min(window.end, Math.floor(saved))) });
  }
  return found.sort((a, b) => a.end - b.end || a.path.localeCompare(b.path));
}

/** A saved update is a page of Markdown: more than this is not one (and is not read). */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/**
 * The text of a previous update at `path` (a saved one, or one the user names): a regular file of at
 * most MAX_UPDATE_BYTES, never a FIFO or a device; a link is followed only inside `folder` (null: the
 * user named the file, which may be anywhere). Else one line that says why not.
 */
export function readUpdate(path: string, folder: string | null): { text: string } | { problem: string } {
  const read = readTextFile(path, MAX_UPDATE_BYTES, folder, 'the updates folder');
  return 'problem' in read ? { problem: `cannot read the previous update ${path}: ${read.problem}` } : read;
}

/**
 * Text of the newest saved update that ended by `window.start` (last week's for a week window), or
 * null; `problem` says why one that is there was not read (the draft goes on without it).
 */
export async function previousUpdate(
  folder: string,
  window: TimeWindow,
  options: WeekOptions,
): Promise<{ text: string | null; problem: string | null }> {
  const before = (await listUpdates(folder, options)).filter((update) => update.end <= window.start);
  const last = before[before.length - 1];
  if (!last) return { text: null, problem: null };
  const read = readUpdate(last.path, folder);
  return 'text' in read ? { text: read.text, problem: null } : { text: null, problem: read.problem };
}

/** End of the newest saved update, or null when none was saved yet. */
export async function lastUpdateEnd(folder: string, options: WeekOptions): Promise<number | null> {
  const updates = await listUpdates(folder, options);
  return updates.length > 0 ? updates[updates.length - 1].end : null;
}

/** Writes `text` as `<id>.md` in `folder`, never overwriting: `<id>-2.md`, `<id>-3.md`, … */
export async function saveUpdate(folder: string, id: string, text: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? `${id}.md` : `${id}-${n}.md`);
    try {
      await writeFile(path, text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

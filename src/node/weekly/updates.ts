// Saved updates (`cadence.weekly.folder`, e.g. updates/2026-W47.md): "since my last update" starts
// where the newest one ends, and the one before this window provides last week's "next" items.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimeWindow } from '../../core/weekly/model';
import { type WeekOptions, windowFromId } from '../../core/weekly/window';

export interface SavedUpdate {
  path: string;
  window: TimeWindow;
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
    const match = /^(.+?)(?:-\d+)?\.(md|markdown|txt)$/.exec(name);
    const window = match ? windowFromId(match[1], options) : null;
    if (window) found.push({ path: join(folder, name), window });
  }
  return found.sort((a, b) => a.window.end - b.window.end || a.path.localeCompare(b.path));
}

/** Text of the newest saved update that ended by `window.start` (last week's for a week window). */
export async function previousUpdate(folder: string, window: TimeWindow, options: WeekOptions): Promise<string | null> {
  const before = (await listUpdates(folder, options)).filter((update) => update.window.end <= window.start);
  const last = before[before.length - 1];
  return last ? readFile(last.path, 'utf8').catch(() => null) : null;
}

/** End of the newest saved update, or null when none was saved yet. */
export async function lastUpdateEnd(folder: string, options: WeekOptions): Promise<number | null> {
  const updates = await listUpdates(folder, options);
  return updates.length > 0 ? updates[updates.length - 1].window.end : null;
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

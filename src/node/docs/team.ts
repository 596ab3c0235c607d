// Reading the committed team file: a regular file only (no FIFO, device or symlink out of the
// repository), bounded in size, parsed by the core.
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_TEAM_FILE_BYTES, TEAM_FILE, type TeamParse, parseTeam } from '../../core/docs/rotation';

/** The team file of the first of `folders` that has one; undefined when none has. */
export function readTeamFile(folders: readonly string[]): (TeamParse & { path: string }) | undefined {
  for (const folder of folders) {
    const file = path.join(folder, TEAM_FILE);
    let stat;
    try {
      stat = lstatSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) return { path: file, problems: ['not a regular file; it was not read.'] };
    if (stat.size > MAX_TEAM_FILE_BYTES) return { path: file, problems: ['over 64 KiB; it was not read.'] };
    try {
      return { path: file, ...parseTeam(readFileSync(file, 'utf8')) };
    } catch (error) {
      return {
        path: file,
        problems: [`cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`],
      };
    }
  }
  return undefined;
}

// The top folder of the git work tree a path lies in, found without running git: the nearest
// folder upwards holding a `.git` entry (a folder, or the file a worktree or submodule has).
import { lstatSync } from 'node:fs';
import * as path from 'node:path';

/** The work tree's top folder for `start` (a folder), or undefined outside any repository. */
export function repositoryRoot(start: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    try {
      const entry = lstatSync(path.join(folder, '.git'));
      if (entry.isDirectory() || entry.isFile()) return folder;
    } catch {
      // no .git here: look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

// Which repositories a draft reads: the repository of each folder, nested repositories below it up
// to a depth (skipping node_modules, .git and hidden folders), and configured extra paths.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GitError } from '../git';
import { openRepo, type WeeklyGitOptions as GitOptions } from './openRepo';
import { repoIdentity } from './refs';
import { entriesOf } from './listFolder';

const SKIP = new Set(['node_modules', '.git', 'bower_components', 'vendor', 'dist', 'out', 'target']);

async function hasGit(dir: string): Promise<boolean> {
  return stat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
}

/** Folders under `dir` (depth ≥ 1) that hold a `.git` entry. */
async function nested(dir: string, depth: number, found: string[]): Promise<void> {
  if (depth <= 0) return;
  const entries = await entriesOf(dir);
  await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.'))
      .map(async (entry) => {
        const child = join(dir, entry.name);
        if (await hasGit(child)) found.push(child);
        await nested(child, depth - 1, found);
      }),
  );
}

export interface FoundRepos {
  roots: string[];
  /** Folders that are not in a git repository (shown as one line, not an error, when others are). */
  skipped: string[];
}

/** Resolves folders and extra paths to distinct repositories (by common git dir), in a stable order. */
export async function discoverRepos(
  folders: readonly string[],
  extra: readonly string[],
  depth: number,
  options: GitOptions,
): Promise<FoundRepos> {
  const roots: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = async (path: string, required: boolean) => {
    try {
      const { root } = await openRepo(path, options);
      // Worktrees and second paths of one repository share its common git dir: read it once.
      const key = await repoIdentity(root);
      if (!seen.has(key)) {
        seen.add(key);
        roots.push(root);
      }
    } catch (error) {
      if (error instanceof GitError && error.kind === 'git-missing') throw error;
      if (required || error instanceof GitError) skipped.push(path);
    }
  };
  for (const folder of folders) {
    await add(folder, false);
    const below: string[] = [];
    await nested(folder, depth, below);
    for (const path of below.sort()) await add(path, false);
  }
  for (const path of extra) await add(path, true);
  return { roots, skipped };
}

/** `roots` without later paths of a repository already listed (worktrees, symlinked paths). */
export async function distinctRepos(roots: readonly string[]): Promise<string[]> {
  if (roots.length <= 1) return [...roots];
  const keys = await Promise.all(roots.map(repoIdentity));
  return roots.filter((_, index) => keys.indexOf(keys[index]) === index);
}

/** Display names: folder names, made unique with their parent when two repos share one. */
export function repoNames(roots: readonly string[]): string[] {
  const names = roots.map((root) => basename(root));
  return names.map((name, index) =>
    names.filter((other) => other === name).length > 1 ? `${basename(join(roots[index], '..'))}/${name}` : name,
  );
}

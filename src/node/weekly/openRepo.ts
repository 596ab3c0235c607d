// Which work tree a path is in, for the weekly draft: one clear line when there is none.
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { git, GitError, type GitOptions, isFolder } from '../git';
import { decode } from '../decode';

/**
 * The work tree containing `path` found the way git finds it (the nearest folder with a `.git`
 * folder or file), without starting git: the CLI's start-up is part of what users compare. Null
 * when there is none or `path` lies inside a `.git` folder; then git is asked, for its message.
 */
async function workTreeOf(path: string): Promise<string | null> {
  let dir = await realpath(path).catch(() => null);
  if (dir === null || dir.split(sep).includes('.git')) return null;
  for (;;) {
    const dotGit = await stat(join(dir, '.git')).catch(() => null);
    if (dotGit?.isDirectory() || dotGit?.isFile()) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** What the weekly draft passes to every git it runs. */
export type WeeklyGitOptions = Pick<GitOptions, 'gitPath' | 'signal'>;

/** Top level of the work tree containing `path`; one clear line when there is none. */
export async function openRepo(path: string, options: WeeklyGitOptions): Promise<{ root: string }> {
  if (!isFolder(path)) throw new GitError(`${path} does not exist or is not a folder`, 'not-a-repo');
  // A git dir that git would refuse (another owner, a broken .git file) fails at the draft's first
  // git call with the same one-line message.
  const found = await workTreeOf(path);
  if (found !== null) return { root: found };
  let out: string;
  try {
    out = decode(await git(['rev-parse', '--show-toplevel'], path, options));
  } catch (error) {
    if (!(error instanceof GitError && /must be run in a work tree/.test(error.message))) throw error;
    // A bare repository, or the inside of a .git folder: git has no work tree to show.
    const bare = await git(['rev-parse', '--is-bare-repository'], path, options).then(
      (bytes) => decode(bytes).trim() === 'true',
      () => false,
    );
    throw new GitError(
      bare
        ? `${path} is a bare repository: the weekly draft needs a work tree (a checked-out clone)`
        : `${path} is inside a .git folder: point at the work tree above it`,
      'not-a-repo',
    );
  }
  const root = out.split('\n')[0];
  if (!root) throw new GitError(`${path} is not inside a git work tree`, 'not-a-repo');
  return { root };
}

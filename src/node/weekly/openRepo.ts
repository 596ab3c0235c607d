// Which work tree a path is in, for the weekly draft: one clear line when there is none.
import { git, GitError, type GitOptions, isFolder } from '../git';
import { decode } from './decode';

/** What the weekly draft passes to every git it runs. */
export type WeeklyGitOptions = Pick<GitOptions, 'gitPath' | 'signal'>;

/** Top level of the work tree containing `path`; one clear line when there is none. */
export async function openRepo(path: string, options: WeeklyGitOptions): Promise<{ root: string }> {
  if (!isFolder(path)) throw new GitError(`${path} does not exist or is not a folder`, 'not-a-repo');
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

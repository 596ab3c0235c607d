// Patch ids for the few commits that might be copies of each other (cherry-picks, rebases): one
// `git log -p | git patch-id --stable` pipe per repository.
import { normalizedSubject, revertTarget } from '../../core/weekly/classify';
import type { RawCommit } from '../../core/weekly/model';
import { git, LOG_HARDENING, spawnGit } from '../git';
import { decode } from '../decode';
import type { WeeklyGitOptions as GitOptions } from './openRepo';

/**
 * Commits whose (normalized) subject occurs more than once among those `relevant` says the draft can
 * use: the only ones worth a patch-id. Copies (cherry-picks, rebases) keep their author date, so
 * filtering by author date keeps both copies of a pair. No count cap: a cap silently turned dedupe
 * off for past weeks, whose log reaches up to today.
 */
export function duplicateCandidates(
  commits: readonly RawCommit[],
  relevant: (commit: RawCommit) => boolean = () => true,
): string[] {
  const bySubject = new Map<string, string[]>();
  for (const commit of commits) {
    if (commit.parents.length > 1 || !relevant(commit)) continue;
    const key = normalizedSubject(commit.subject);
    const shas = bySubject.get(key);
    if (shas) shas.push(commit.sha);
    else bySubject.set(key, [commit.sha]);
  }
  return [...bySubject.values()].filter((shas) => shas.length > 1).flat();
}

/**
 * `git log --no-walk -p <shas> | git patch-id --stable`: sha → patch-id, in one pipe. With
 * `inverse`, the id of each commit's diff reversed (`-R`, prefixes kept as a/ and b/): a revert's
 * inverse id equals the reverted commit's id, and a restore's id equals its revert's inverse id.
 */
export function patchIds(
  root: string,
  shas: readonly string[],
  options: GitOptions,
  inverse = false,
): Promise<Record<string, string>> {
  if (shas.length === 0) return Promise.resolve({});
  return new Promise((resolve, reject) => {
    const log = spawnGit(
      [
        'log',
        '--no-walk=unsorted',
        '--stdin',
        '-p',
        ...(inverse ? ['-R', '--src-prefix=b/', '--dst-prefix=a/'] : []),
        ...LOG_HARDENING,
        '--format=commit %H',
      ],
      root,
      options,
    );
    const patchId = spawnGit(['patch-id', '--stable'], root, options);
    log.on('error', reject);
    patchId.on('error', reject);
    // patch-id may finish reading before log is done writing in odd cases; a closed pipe is not an error.
    patchId.stdin.on('error', () => undefined);
    log.stdout.pipe(patchId.stdin);
    const chunks: Buffer[] = [];
    patchId.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    patchId.on('close', () => {
      const result: Record<string, string> = {};
      for (const line of decode(Buffer.concat(chunks)).split('\n')) {
        const [id, sha] = line.trim().split(' ');
        if (id && sha) result[sha] = id;
      }
      resolve(result);
    });
    log.stdin.end(shas.join('\n') + '\n');
  });
}

/** Commits that say they revert something (`Revert "…"`, `revert: …`, "This reverts commit …"). */
export function revertCandidates(
  commits: readonly RawCommit[],
  relevant: (commit: RawCommit) => boolean = () => true,
): string[] {
  return commits
    .filter((commit) => commit.parents.length <= 1 && relevant(commit) && revertTarget(commit.subject, commit.body))
    .map((commit) => commit.sha);
}

/** More paths than this in the reverts: compare every fetched commit instead of limiting by path. */
const MAX_PATHS = 500;

/**
 * Fetched commits that touch a path one of `reverts` touches: the only ones a revert can pair with
 * by patch (the reverted original, a rebased copy, a restore). One `git log --name-only` names the reverts'
 * paths, then one path-limited `git log` over the same refs and span names the commits.
 */
export async function commitsTouchingReverts(
  root: string,
  reverts: readonly string[],
  logRange: readonly string[],
  options: GitOptions,
): Promise<string[] | null> {
  if (reverts.length === 0) return [];
  const names = decode(
    await git(
      ['log', '--no-walk=unsorted', ...LOG_HARDENING, '--name-only', '--format=', '-z', ...reverts],
      root,
      options,
    ),
  );
  const paths = [...new Set(names.split('\0').filter(Boolean))];
  if (paths.length === 0) return [];
  if (paths.length > MAX_PATHS) return null;
  const out = decode(
    await git(
      ['--literal-pathspecs', 'log', ...logRange, ...LOG_HARDENING, '--no-merges', '--format=%H', '--', ...paths],
      root,
      options,
    ),
  );
  return out.split('\n').filter(Boolean);
}

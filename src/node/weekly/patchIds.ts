// Patch ids for the few commits that might be copies of each other (cherry-picks, rebases): one
// `git log -p | git patch-id --stable` pipe per repository.
import { normalizedSubject } from '../../core/weekly/classify';
import type { RawCommit } from '../../core/weekly/model';
import { LOG_HARDENING, spawnGit } from '../git';
import { decode } from './decode';
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
    bySubject.set(key, [...(bySubject.get(key) ?? []), commit.sha]);
  }
  return [...bySubject.values()].filter((shas) => shas.length > 1).flat();
}

/** `git log --no-walk -p <shas> | git patch-id --stable`: sha → patch-id, in one pipe. */
export function patchIds(root: string, shas: readonly string[], options: GitOptions): Promise<Record<string, string>> {
  if (shas.length === 0) return Promise.resolve({});
  return new Promise((resolve, reject) => {
    const log = spawnGit(
      ['log', '--no-walk=unsorted', '--stdin', '-p', ...LOG_HARDENING, '--format=commit %H'],
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

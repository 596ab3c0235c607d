// What a focus block was about: the branch at its start and end, and the commits the user authored
// during it. Git runs with argument arrays (never a shell); any failure (no git, not a repository,
// detached HEAD) yields "unknown", silently: history is recorded either way.
import { gitOrUndefined, LOG_HARDENING } from '../git';

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  return (await gitOrUndefined(args, cwd, { timeoutMs: 5_000, maxBuffer: 1024 * 1024 }))?.trim();
}

/** The checked-out branch, or undefined (not a repository, detached HEAD, no git). */
export async function currentBranch(cwd: string): Promise<string | undefined> {
  const branch = await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  return branch && branch !== 'HEAD' ? branch : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Hashes of commits on any branch authored by the repository's user.email with an author date in
 * [start, end] (epoch ms). Author date, so a later rebase does not move the work.
 */
export async function commitsBetween(cwd: string, start: number, end: number): Promise<string[]> {
  const email = await git(cwd, ['config', 'user.email']);
  if (!email) return [];
  const since = Math.floor(start / 1000) - 1;
  const out = await git(cwd, [
    'log',
    ...LOG_HARDENING,
    '--all',
    `--author=<${escapeRegExp(email)}>`,
    `--since=@${since}`,
    '--format=%H %at',
  ]);
  if (!out) return [];
  return out
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([hash, at]) => hash && Number(at) * 1000 >= start - 999 && Number(at) * 1000 <= end)
    .map(([hash]) => hash!);
}

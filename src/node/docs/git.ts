import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Runs git with an argument array (never a shell); resolves undefined when git is missing or fails. */
function git(cwd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer, windowsHide: true }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

/** The repository root containing `dir`, or undefined without git or outside a repository. */
export async function repoRoot(dir: string): Promise<string | undefined> {
  return (await git(dir, ['rev-parse', '--show-toplevel']))?.trim() || undefined;
}

/**
 * File names in `folder` on every local and remote-tracking branch (`git for-each-ref` then one
 * `git ls-tree` per branch, capped), so a new record's number is free on branches not merged yet.
 */
export async function fileNamesOnBranches(folder: string, maxRefs = 200): Promise<string[]> {
  // The folder may not exist yet here (a first record) but exist on another branch: ask git from
  // its nearest existing parent.
  let existing = folder;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const root = await repoRoot(existing);
  if (!root) return [];
  const refs = await git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']);
  if (!refs) return [];
  const rel = path.relative(root, folder).split(path.sep).join('/');
  const names = new Set<string>();
  const list = refs
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r && !r.endsWith('/HEAD'))
    .slice(0, maxRefs);
  // A few git processes at a time, not one per branch at once.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const out = await git(root, ['ls-tree', '--name-only', `${list[next++]}:${rel}`]);
      for (const name of out?.split('\n') ?? []) if (name.trim()) names.add(name.trim());
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return [...names];
}

/**
 * The last commit date (ISO yyyy-mm-dd) of every file under `paths`, from ONE `git log` per
 * repository rather than one per file; empty without git.
 */
export async function lastChangeDates(
  repoDir: string,
  paths: string[],
  maxCommits = 5000,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (paths.length === 0) return result;
  const root = await repoRoot(repoDir);
  if (!root) return result;
  const rels = paths.map((p) => path.relative(root, p).split(path.sep).join('/'));
  const out = await git(root, [
    'log',
    `-n${maxCommits}`,
    '--format=%x1e%cI',
    '--name-only',
    '--no-renames',
    '--',
    ...rels,
  ]);
  if (!out) return result;
  for (const block of out.split('\x1e')) {
    const [date, ...files] = block.split('\n');
    const day = date?.trim().slice(0, 10);
    if (!day) continue;
    for (const file of files) {
      const name = file.trim();
      if (!name) continue;
      const abs = path.join(root, name);
      if (!result.has(abs)) result.set(abs, day);
    }
  }
  return result;
}

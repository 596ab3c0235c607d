import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { gitOrUndefined, LOG_HARDENING } from '../git';

/** Paths taken literally: a folder named `[draft]` or `*` is not a glob. */
const BASE_ARGS = ['--literal-pathspecs'];

/** Runs git (see ../git.ts); resolves undefined when git is missing or fails. */
function git(
  cwd: string,
  args: string[],
  { input, gitPath }: { input?: string; gitPath?: string } = {},
): Promise<string | undefined> {
  return gitOrUndefined([...BASE_ARGS, ...args], cwd, {
    input,
    gitPath,
    maxBuffer: 64 * 1024 * 1024,
    timeoutMs: 30_000,
  });
}

/** The real path of `p` (symlinks resolved, as git reports its top level), or `p` when it cannot be resolved. */
async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
}

/** The repository root containing `dir`, or undefined without git or outside a repository. */
export async function repoRoot(dir: string, gitPath?: string): Promise<string | undefined> {
  return (await git(dir, ['rev-parse', '--show-toplevel'], { gitPath }))?.trim() || undefined;
}

/** `target` relative to the repository `root` ('/'-separated), through symlinks on either side. */
async function repoRelative(root: string, target: string): Promise<string> {
  // The part of `target` that exists is resolved; a missing tail (a folder not created yet) is kept.
  let existing = target;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const resolved = path.join(await real(existing), path.relative(existing, target));
  return path
    .relative(await real(root), resolved)
    .split(path.sep)
    .join('/');
}

/**
 * File names in `folder` on every local and remote-tracking branch, so a new record's number is free
 * on branches not merged yet. Three git calls whatever the number of branches: `for-each-ref`, one
 * `cat-file --batch-check` resolving `ref:folder` to tree ids, and one `ls-tree` per DISTINCT tree
 * (most branches share the folder's tree).
 */
export async function fileNamesOnBranches(folder: string, maxRefs = Number.POSITIVE_INFINITY): Promise<string[]> {
  // The folder may not exist yet here (a first record) but exist on another branch: ask git from
  // its nearest existing parent.
  let existing = folder;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const root = await repoRoot(existing);
  if (!root) return [];
  const refs = await git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']);
  if (!refs) return [];
  const rel = await repoRelative(root, folder);
  const list = refs
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r && !r.endsWith('/HEAD'))
    .slice(0, maxRefs);
  if (list.length === 0) return [];
  const spec = rel === '' || rel === '.' ? '' : rel;
  const batch = await git(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: list.map((r) => `${r}:${spec}\n`).join(''),
  });
  const trees = new Set<string>();
  for (const line of batch?.split('\n') ?? []) {
    const [id, type] = line.trim().split(' ');
    if (type === 'tree' && id) trees.add(id);
  }
  const names = new Set<string>();
  const ids = [...trees];
  // A few git processes at a time.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const out = await git(root, ['ls-tree', '-z', '--name-only', ids[next++]]);
      for (const name of out?.split('\0') ?? []) if (name) names.add(name);
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
  gitPath?: string,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (paths.length === 0) return result;
  const root = await repoRoot(repoDir, gitPath);
  if (!root) return result;
  // Paths may reach the repository through a symlink (/tmp → /private/tmp): map git's real paths
  // back to the caller's spelling.
  const rels = await Promise.all(paths.map(async (p) => (await repoRelative(root, p)) || '.'));
  const realRoot = await real(root);
  const spelled = new Map<string, string>();
  rels.forEach((rel, i) => spelled.set(rel, paths[i]));
  const toCaller = (name: string): string => {
    for (let prefix = name; ; prefix = path.posix.dirname(prefix)) {
      const base = spelled.get(prefix);
      if (base !== undefined) return path.join(base, path.posix.relative(prefix, name));
      if (prefix === '.' || prefix === '/' || prefix === '') return path.join(realRoot, name);
    }
  };
  const out = await git(
    root,
    ['log', ...LOG_HARDENING, `-n${maxCommits}`, '--format=%x1e%cI', '--name-only', '--no-renames', '--', ...rels],
    { gitPath },
  );
  if (!out) return result;
  for (const block of out.split('\x1e')) {
    const [date, ...files] = block.split('\n');
    const day = date?.trim().slice(0, 10);
    if (!day) continue;
    for (const file of files) {
      const name = file.trim();
      if (!name) continue;
      const abs = toCaller(name);
      if (!result.has(abs)) result.set(abs, day);
    }
  }
  return result;
}

// Branch tips read from the git directory (loose refs, packed-refs, origin/HEAD) instead of a
// `git for-each-ref` process: spawning a process costs more than the whole read on most machines,
// and the draft spawns as few as it can. Anything unusual (reftable, unreadable files) returns
// null and the caller asks git instead.
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { entriesOf } from './listFolder';

/** A repository's git dir and common dir (they differ in linked worktrees). */
export interface GitDirs {
  gitDir: string;
  commonDir: string;
}

/** Finds the git dir and common dir of the work tree at `root`, or null. */
export async function gitDirs(root: string): Promise<GitDirs | null> {
  let gitDir = join(root, '.git');
  const dotGit = await stat(gitDir).catch(() => null);
  if (!dotGit) return null;
  if (dotGit.isFile()) {
    // A linked worktree or a submodule: ".git" names the real git dir.
    const pointer = /^gitdir:\s*(.+)$/m.exec(await readFile(gitDir, 'utf8').catch(() => ''));
    if (!pointer) return null;
    gitDir = resolve(root, pointer[1].trim());
  }
  const commonDir = await readFile(join(gitDir, 'commondir'), 'utf8').then(
    (text) => resolve(gitDir, text.trim()),
    () => gitDir,
  );
  return { gitDir, commonDir };
}

/**
 * One key per repository: the real path of its common git dir. A linked worktree (`git worktree
 * add`), a symlinked or bind-mounted second path and the main work tree all share it, so a draft
 * reads each repository once.
 */
export async function repoIdentity(root: string): Promise<string> {
  const dirs = await gitDirs(root);
  const path = dirs?.commonDir ?? root;
  return realpath(path).catch(() => path);
}

export interface FsRefs {
  /** refs/heads/* → sha */
  branches: Map<string, string>;
  /** origin/HEAD's target branch and tip. */
  originHead: { name: string; tip: string } | null;
  /** Latest time each branch can have moved (its loose ref file's or packed-refs' mtime), in ms. */
  movedAt: Map<string, number>;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

interface LooseRef {
  sha: string;
  /** Modification time of the ref file: when the branch last moved. */
  mtime: number;
}

async function looseRefs(dir: string, prefix: string, into: Map<string, LooseRef>): Promise<void> {
  const entries = await entriesOf(dir);
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return looseRefs(path, `${prefix}${entry.name}/`, into);
      const [text, info] = await Promise.all([readFile(path, 'utf8').catch(() => ''), stat(path).catch(() => null)]);
      const sha = text.trim();
      if (SHA.test(sha)) into.set(`${prefix}${entry.name}`, { sha, mtime: info?.mtimeMs ?? 0 });
    }),
  );
}

/** Reads local branches and origin/HEAD from the git directory, or null to fall back to git. */
export async function readRefs(root: string, known?: Promise<GitDirs | null>): Promise<FsRefs | null> {
  const dirs = await (known ?? gitDirs(root));
  if (!dirs) return null;
  const { commonDir } = dirs;
  if (
    await stat(join(commonDir, 'reftable')).then(
      () => true,
      () => false,
    )
  ) {
    return null;
  }
  const all = new Map<string, LooseRef>();
  const packedPath = join(commonDir, 'packed-refs');
  const [packed, packedInfo] = await Promise.all([
    readFile(packedPath, 'utf8').catch(() => ''),
    stat(packedPath).catch(() => null),
  ]);
  for (const line of packed.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const [sha, ref] = line.split(' ');
    // A packed ref last moved before the file was written: its mtime is an upper bound, which is
    // all the caller needs (it only skips branches that cannot have moved recently).
    if (ref && SHA.test(sha)) all.set(ref, { sha, mtime: packedInfo?.mtimeMs ?? Date.now() });
  }
  // Loose refs win over packed ones.
  await Promise.all([
    looseRefs(join(commonDir, 'refs', 'heads'), 'refs/heads/', all),
    looseRefs(join(commonDir, 'refs', 'remotes', 'origin'), 'refs/remotes/origin/', all),
  ]);
  const branches = new Map<string, string>();
  const movedAt = new Map<string, number>();
  for (const [ref, { sha, mtime }] of all) {
    if (!ref.startsWith('refs/heads/')) continue;
    const name = ref.slice('refs/heads/'.length);
    branches.set(name, sha);
    movedAt.set(name, mtime);
  }
  let originHead: FsRefs['originHead'] = null;
  const symref = /^ref:\s*(refs\/remotes\/origin\/(.+))$/.exec(
    (await readFile(join(commonDir, 'refs', 'remotes', 'origin', 'HEAD'), 'utf8').catch(() => '')).trim(),
  );
  if (symref && all.has(symref[1])) originHead = { name: symref[2], tip: all.get(symref[1])!.sha };
  return { branches, originHead, movedAt };
}

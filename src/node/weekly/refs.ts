// Branch tips read from the git directory (loose refs, packed-refs, origin/HEAD) instead of a
// `git for-each-ref` process: spawning a process costs more than the whole read on most machines,
// and the draft spawns as few as it can. Anything unusual (reftable, unreadable files) returns
// null and the caller asks git instead.
//
// The git dir's files are small and local: they are read synchronously, as regular files only
// (readRegular: a FIFO or device is never read, never more than a bound). A promise-based read costs
// a hundred times the CPU of the read itself (open, stat, read and close each a trip through libuv's
// threads), and the draft's git processes need those cores.
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readTextFile } from '../regularFile';

/**
 * The text of a regular file of at most `maxBytes` (UTF-8), or undefined (missing, odd or larger).
 * With `root`, a link is followed only when it ends inside it.
 */
export function readSmall(path: string, maxBytes = 64 * 1024, root: string | null = null): string | undefined {
  const read = readTextFile(path, maxBytes, root);
  return 'text' in read ? read.text : undefined;
}

/** Modification time (ms) of `path`, or undefined when it cannot be stat'ed. */
export function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

function entriesOfSync(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A repository's git dir and common dir (they differ in linked worktrees). */
export interface GitDirs {
  gitDir: string;
  commonDir: string;
}

/** Finds the git dir and common dir of the work tree at `root`, or null. */
export function gitDirsSync(root: string): GitDirs | null {
  let gitDir = join(root, '.git');
  let dotGit;
  try {
    dotGit = statSync(gitDir, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (!dotGit) return null;
  if (dotGit.isFile()) {
    // A linked worktree or a submodule: ".git" names the real git dir.
    const pointer = /^gitdir:\s*(.+)$/m.exec(readSmall(gitDir) ?? '');
    if (!pointer) return null;
    gitDir = resolve(root, pointer[1].trim());
  }
  const common = readSmall(join(gitDir, 'commondir'));
  return { gitDir, commonDir: common === undefined ? gitDir : resolve(gitDir, common.trim()) };
}

/** gitDirsSync, for callers that chain promises. */
export async function gitDirs(root: string): Promise<GitDirs | null> {
  return gitDirsSync(root);
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

function looseRefs(dir: string, prefix: string, into: Map<string, LooseRef>): void {
  for (const entry of entriesOfSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      looseRefs(path, `${prefix}${entry.name}/`, into);
      continue;
    }
    const sha = (readSmall(path, 1024) ?? '').trim();
    if (SHA.test(sha)) into.set(`${prefix}${entry.name}`, { sha, mtime: mtimeOf(path) ?? 0 });
  }
}

/** More than this in packed-refs (a monorepo's tags): `git for-each-ref` reads it instead. */
const MAX_PACKED_REFS = 32 * 1024 * 1024;

/** Reads local branches and origin/HEAD from the git directory, or null to fall back to git. */
export async function readRefs(root: string, known?: Promise<GitDirs | null>): Promise<FsRefs | null> {
  const dirs = await (known ?? gitDirs(root));
  if (!dirs) return null;
  const { commonDir } = dirs;
  if (mtimeOf(join(commonDir, 'reftable')) !== undefined) return null;
  const all = new Map<string, LooseRef>();
  const packedPath = join(commonDir, 'packed-refs');
  const packedTime = mtimeOf(packedPath);
  let packed = '';
  if (packedTime !== undefined) {
    const read = readSmall(packedPath, MAX_PACKED_REFS);
    if (read === undefined) return null;
    packed = read;
  }
  for (const line of packed.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const [sha, ref] = line.split(' ');
    // A packed ref last moved before the file was written: its mtime is an upper bound, which is
    // all the caller needs (it only skips branches that cannot have moved recently).
    if (ref && SHA.test(sha)) all.set(ref, { sha, mtime: packedTime ?? Date.now() });
  }
  // Loose refs win over packed ones.
  looseRefs(join(commonDir, 'refs', 'heads'), 'refs/heads/', all);
  looseRefs(join(commonDir, 'refs', 'remotes', 'origin'), 'refs/remotes/origin/', all);
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
    (readSmall(join(commonDir, 'refs', 'remotes', 'origin', 'HEAD')) ?? '').trim(),
  );
  if (symref && all.has(symref[1])) originHead = { name: symref[2], tip: all.get(symref[1])!.sha };
  return { branches, originHead, movedAt };
}

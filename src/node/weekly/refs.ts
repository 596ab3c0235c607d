// Branch tips read from the git directory (loose refs, packed-refs, origin/HEAD) instead of a
// `git for-each-ref` process: spawning a process costs more than the whole read on most machines,
// and the draft spawns as few as it can. Anything unusual (reftable, unreadable files) returns
// null and the caller asks git instead.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

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

export interface FsRefs {
  /** refs/heads/* → sha */
  branches: Map<string, string>;
  /** origin/HEAD's target branch and tip. */
  originHead: { name: string; tip: string } | null;
  /** When each branch last moved (its reflog's last entry), in ms; absent without a reflog. */
  movedAt: Map<string, number>;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

async function looseRefs(dir: string, prefix: string, into: Map<string, string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return looseRefs(path, `${prefix}${entry.name}/`, into);
      const text = (await readFile(path, 'utf8').catch(() => '')).trim();
      if (SHA.test(text)) into.set(`${prefix}${entry.name}`, text);
    }),
  );
}

/** Timestamp (ms) of the last entry of a reflog file, reading only its tail. */
async function lastReflogTime(path: string): Promise<number | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').trimEnd().split('\n');
    const last = /> (\d+) [+-]\d{4}\t?/.exec(lines[lines.length - 1] ?? '');
    return last ? Number(last[1]) * 1000 : null;
  } finally {
    await handle.close();
  }
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
  const all = new Map<string, string>();
  const packed = await readFile(join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const [sha, ref] = line.split(' ');
    if (ref && SHA.test(sha)) all.set(ref, sha);
  }
  // Loose refs win over packed ones.
  await Promise.all([
    looseRefs(join(commonDir, 'refs', 'heads'), 'refs/heads/', all),
    looseRefs(join(commonDir, 'refs', 'remotes', 'origin'), 'refs/remotes/origin/', all),
  ]);
  const branches = new Map<string, string>();
  for (const [ref, sha] of all) if (ref.startsWith('refs/heads/')) branches.set(ref.slice('refs/heads/'.length), sha);
  let originHead: FsRefs['originHead'] = null;
  const symref = /^ref:\s*(refs\/remotes\/origin\/(.+))$/.exec(
    (await readFile(join(commonDir, 'refs', 'remotes', 'origin', 'HEAD'), 'utf8').catch(() => '')).trim(),
  );
  if (symref && all.has(symref[1])) originHead = { name: symref[2], tip: all.get(symref[1])! };
  const movedAt = new Map<string, number>();
  await Promise.all(
    [...branches.keys()].map(async (name) => {
      const time = await lastReflogTime(join(commonDir, 'logs', 'refs', 'heads', name));
      if (time !== null) movedAt.set(name, time);
    }),
  );
  return { branches, originHead, movedAt };
}

// A small JSON file shared by every window (extension host) of one VS Code: read-modify-write under a
// lock directory, written to a temporary file, synced and renamed into place (readers never see half
// a file), and watched with fs.watch plus a cheap stat() poll the caller drives. See
// docs/decisions/0005.
//
// The lock is a directory (mkdir is atomic) holding an owner file: a random token, the pid and the
// host name. Only the owner removes it. A waiter never breaks a lock whose owner may be alive: only
// one whose process is gone (same host) or, for another host, whose owner file has not been touched
// for a long time; and it breaks it by renaming it to a unique name, which only one waiter can do.
// A waiter that cannot get the lock in time fails the operation instead of breaking in.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** How long an operation waits for the lock before it fails (a slow holder is waited for). */
const LOCK_WAIT_MS = 10_000;
/** An owner on another host (or a half-made lock) counts as gone after this long untouched. */
const LOCK_ABANDONED_MS = 60_000;
/** How often the holder touches its owner file, so other hosts can tell it is alive. */
const LOCK_HEARTBEAT_MS = 2_000;
const OWNER_FILE = 'owner.json';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Thrown when the lock stays held by a live owner for the whole wait. `code` is `ELOCKED`. */
export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(lockDir: string) {
    super(`${lockDir} is held by another window`);
  }
}

interface LockOwner {
  token: string;
  pid: number;
  host: string;
}

export interface SharedFileOptions<T> {
  file: string;
  parse(text: string | undefined): T;
  serialize(value: T): string;
  /** True when the text on disk is damaged (not just missing fields): a copy is kept before overwriting. */
  damaged?(text: string): boolean;
  /** Told once per damaged file, with the copy's path (for the log). */
  onDamaged?(copy: string): void;
  /** Overrides the lock wait (tests). */
  lockWaitMs?: number;
}

/** Is process `pid` alive on this machine? (EPERM: it exists but belongs to someone else.) */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

export class SharedFile<T> {
  private readonly lockDir: string;
  private lastStamp = '';
  private lastDamaged = '';

  constructor(private readonly options: SharedFileOptions<T>) {
    this.lockDir = `${options.file}.lock`;
  }

  get file(): string {
    return this.options.file;
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await fsp.readFile(this.options.file, 'utf8');
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
      return undefined;
    }
  }

  /** The current value (the parser's default when the file is missing or unreadable). */
  async read(): Promise<T> {
    return this.options.parse(await this.readText());
  }

  /**
   * Applies `mutate` to the latest value under the lock and writes the result, unless `mutate`
   * returns undefined (nothing to change). Every window's writes are serialised, so a mutation is
   * always applied to what the last writer wrote. Rejects (nothing written) when the lock cannot
   * be had in time or the write fails.
   */
  async update(mutate: (current: T) => T | undefined): Promise<{ before: T; after: T; written: boolean }> {
    await fsp.mkdir(path.dirname(this.options.file), { recursive: true });
    const owner = await this.lock();
    const heartbeat = setInterval(() => void this.touch(), LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const text = await this.readText();
      const before = this.options.parse(text);
      const after = mutate(before);
      if (after === undefined) return { before, after: before, written: false };
      if (text !== undefined && this.options.damaged?.(text)) await this.keepDamaged(text);
      await this.writeAtomically(this.options.serialize(after));
      return { before, after, written: true };
    } finally {
      clearInterval(heartbeat);
      await this.unlock(owner);
    }
  }

  private async writeAtomically(text: string): Promise<void> {
    const temp = `${this.options.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fsp.open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        // Without the sync, a power cut after the rename can leave an empty file under the new name.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, this.options.file);
    } catch (error) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** Keeps a damaged file as `<file>.corrupt-<time>` (once per damaged content) before it is replaced. */
  private async keepDamaged(text: string): Promise<void> {
    if (this.lastDamaged === text) return;
    this.lastDamaged = text;
    const copy = `${this.options.file}.corrupt-${Date.now()}`;
    try {
      await fsp.writeFile(copy, text, { encoding: 'utf8', flag: 'wx' });
      this.options.onDamaged?.(copy);
    } catch {
      // Keeping the copy is a courtesy; the write that repairs the file goes ahead.
    }
  }

  private async lock(): Promise<LockOwner> {
    const owner: LockOwner = { token: randomBytes(8).toString('hex'), pid: process.pid, host: os.hostname() };
    const deadline = Date.now() + (this.options.lockWaitMs ?? LOCK_WAIT_MS);
    for (;;) {
      try {
        await fsp.mkdir(this.lockDir);
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
        await this.breakIfAbandoned();
        if (Date.now() > deadline) throw new LockTimeoutError(this.lockDir);
        await sleep(5 + Math.random() * 20);
        continue;
      }
      try {
        await fsp.writeFile(path.join(this.lockDir, OWNER_FILE), JSON.stringify(owner), 'utf8');
        return owner;
      } catch (error) {
        await fsp.rm(this.lockDir, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
    }
  }

  private async readOwner(dir: string): Promise<LockOwner | undefined> {
    try {
      const value = JSON.parse(await fsp.readFile(path.join(dir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
      return typeof value.token === 'string' && typeof value.pid === 'number' && typeof value.host === 'string'
        ? (value as LockOwner)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Is the lock's owner evidently gone? A live or unknown owner on this host never is. */
  private async abandoned(owner: LockOwner | undefined): Promise<boolean> {
    if (owner && owner.host === os.hostname()) return !processAlive(owner.pid);
    // Another host (a shared home folder), or a lock whose owner file was never written: by age.
    const stat = await fsp.stat(owner ? path.join(this.lockDir, OWNER_FILE) : this.lockDir).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs > LOCK_ABANDONED_MS;
  }

  private async breakIfAbandoned(): Promise<void> {
    const owner = await this.readOwner(this.lockDir);
    if (!(await this.abandoned(owner))) return;
    // Renaming is atomic: of several waiters judging the same lock, one moves it away.
    const aside = `${this.lockDir}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await fsp.rename(this.lockDir, aside);
    } catch {
      return; // someone else broke it (or its owner released it) first
    }
    const moved = await this.readOwner(aside);
    if (moved?.token !== owner?.token) {
      // Between our look and the rename, another waiter replaced the dead lock with a live one:
      // put it back (fails harmlessly if yet another lock appeared meanwhile).
      await fsp.rename(aside, this.lockDir).catch(() => undefined);
      return;
    }
    await fsp.rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }

  private async touch(): Promise<void> {
    const now = new Date();
    await fsp.utimes(path.join(this.lockDir, OWNER_FILE), now, now).catch(() => undefined);
  }

  /** Removes the lock only if it is still ours (never one a waiter made after breaking ours). */
  private async unlock(owner: LockOwner): Promise<void> {
    const current = await this.readOwner(this.lockDir);
    if (current?.token !== owner.token) return;
    const aside = `${this.lockDir}.released-${owner.token}`;
    try {
      await fsp.rename(this.lockDir, aside);
    } catch {
      return;
    }
    await fsp.rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }

  /** True when the file changed since the last call (mtime and size); one stat, no read. */
  async changedSinceLastCheck(): Promise<boolean> {
    const stat = await fsp.stat(this.options.file).catch(() => undefined);
    const stamp = stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : 'missing';
    if (stamp === this.lastStamp) return false;
    this.lastStamp = stamp;
    return true;
  }

  /**
   * Calls `onChange` soon after another process replaces the file. fs.watch on the folder (the file
   * itself is replaced by rename, which ends a watch on the old inode). Returns a disposer; when
   * watching is impossible it returns a no-op and the caller's poll is the only signal.
   */
  watch(onChange: () => void): () => void {
    const dir = path.dirname(this.options.file);
    const name = path.basename(this.options.file);
    let timer: NodeJS.Timeout | undefined;
    let watcher: fs.FSWatcher | undefined;
    try {
      fs.mkdirSync(dir, { recursive: true });
      watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
        if (filename !== null && filename !== name) return;
        // Coalesce the burst of events one rename produces.
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          onChange();
        }, 15);
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      watcher = undefined;
    }
    return () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    };
  }
}

// A small JSON file shared by every window (extension host) of one VS Code: read-modify-write under a
// lock directory, written to a temporary file and renamed into place (readers never see half a
// file), and watched with fs.watch plus a cheap stat() poll the caller drives. See docs/decisions/0005.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

const LOCK_STALE_MS = 5_000;
const LOCK_WAIT_MS = 3_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface SharedFileOptions<T> {
  file: string;
  parse(text: string | undefined): T;
  serialize(value: T): string;
}

export class SharedFile<T> {
  private readonly lockDir: string;
  private lastStamp = '';

  constructor(private readonly options: SharedFileOptions<T>) {
    this.lockDir = `${options.file}.lock`;
  }

  get file(): string {
    return this.options.file;
  }

  /** The current value (the parser's default when the file is missing or unreadable). */
  async read(): Promise<T> {
    let text: string | undefined;
    try {
      text = await fsp.readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return this.options.parse(text);
  }

  /**
   * Applies `mutate` to the latest value under the lock and writes the result, unless `mutate`
   * returns undefined (nothing to change). Every window's writes are serialised, so a mutation is
   * always applied to what the last writer wrote.
   */
  async update(mutate: (current: T) => T | undefined): Promise<{ before: T; after: T; written: boolean }> {
    await fsp.mkdir(path.dirname(this.options.file), { recursive: true });
    await this.lock();
    try {
      const before = await this.read();
      const after = mutate(before);
      if (after === undefined) return { before, after: before, written: false };
      const temp = `${this.options.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await fsp.writeFile(temp, this.options.serialize(after), 'utf8');
      await fsp.rename(temp, this.options.file);
      return { before, after, written: true };
    } finally {
      await fsp.rm(this.lockDir, { recursive: true, force: true });
    }
  }

  private async lock(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await fsp.mkdir(this.lockDir);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // A lock left by a crashed extension host is broken after a few seconds.
      const stat = await fsp.stat(this.lockDir).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) {
        await fsp.rm(this.lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        await fsp.rm(this.lockDir, { recursive: true, force: true });
        continue;
      }
      await sleep(5 + Math.random() * 15);
    }
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

import { isInside } from './paths';

/**
 * The (modification time, size) each file was last indexed at. One save reaches the service twice
 * (the document's save event and the file watcher's change event); the second sees the same stamp
 * and is skipped, so a save costs one parse.
 */
export class ChangeStamps {
  private readonly stamps = new Map<string, string>();

  /** True when `path` has a new stamp since it was last seen; records it. */
  changed(path: string, mtime: number, size: number): boolean {
    const stamp = `${mtime}:${size}`;
    if (this.stamps.get(path) === stamp) return false;
    this.stamps.set(path, stamp);
    return true;
  }

  /** Forgets `path` and everything under it (deleted, or to be re-read on the next event). */
  forget(path: string): void {
    for (const key of [...this.stamps.keys()]) if (isInside(path, key)) this.stamps.delete(key);
  }
}

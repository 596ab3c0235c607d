import type { DocsFileSystem, EntryType, ReadResult } from '../../../src/core/docs/discovery';
import { dirname } from '../../../src/core/docs/paths';

/**
 * A DocsFileSystem over a map of absolute '/' paths to file texts (folders are implied by the
 * paths), for core tests that need no disk: what the editor or the language server would read.
 * Change `files` between calls to simulate edits, creations and deletions.
 */
export class MemoryFileSystem implements DocsFileSystem {
  readonly files: Map<string, string>;
  /** Every path read by readText, in order (tests check what was reread). */
  readonly reads: string[] = [];

  constructor(files: Record<string, string> = {}) {
    this.files = new Map(Object.entries(files));
  }

  readFile(path: string): Promise<string> {
    const text = this.files.get(path);
    return text === undefined ? Promise.reject(new Error(`${path} does not exist`)) : Promise.resolve(text);
  }

  readText(path: string, maxBytes: number): Promise<ReadResult> {
    this.reads.push(path);
    const text = this.files.get(path);
    if (text === undefined) return Promise.resolve(undefined);
    const size = new TextEncoder().encode(text).byteLength;
    return Promise.resolve(size > maxBytes ? { size } : text);
  }

  readDirectory(path: string): Promise<[string, EntryType][]> {
    const entries = new Map<string, EntryType>();
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      entries.set(name, rest.length > 0 ? 'directory' : 'file');
    }
    if (entries.size === 0 && !this.isDirectory(path)) return Promise.reject(new Error(`${path} does not exist`));
    return Promise.resolve([...entries]);
  }

  stat(path: string): Promise<{ type: 'file' | 'directory'; size: number } | undefined> {
    const text = this.files.get(path);
    if (text !== undefined) return Promise.resolve({ type: 'file', size: text.length });
    return Promise.resolve(this.isDirectory(path) ? { type: 'directory', size: 0 } : undefined);
  }

  private isDirectory(path: string): boolean {
    for (const file of this.files.keys()) {
      for (let dir = dirname(file); dir !== '/' && dir !== '.'; dir = dirname(dir)) if (dir === path) return true;
    }
    return false;
  }
}

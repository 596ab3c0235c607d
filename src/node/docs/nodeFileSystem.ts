import { promises as fs, readFileSync, statSync } from 'node:fs';
import type { DocsFileSystem, EntryType } from '../../core/docs/discovery';

/** The docs index's file access over Node's fs (CLI, language server, benchmarks). POSIX paths. */
export const nodeFileSystem: DocsFileSystem = {
  readFile: (path) => fs.readFile(path, 'utf8'),
  // Synchronous stat + read inside the async interface: for small files Node's promise-based fs
  // costs several thread-pool round trips per file, more than the read itself (bench/docs-index.ts).
  async readText(path, maxBytes) {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (size > maxBytes) return { size };
    return readFileSync(path, 'utf8');
  },
  async readDirectory(path) {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((entry): [string, EntryType] => [
      entry.name,
      entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
    ]);
  },
  async stat(path) {
    try {
      const stat = await fs.stat(path);
      return { type: stat.isDirectory() ? 'directory' : 'file', size: stat.size };
    } catch {
      return undefined;
    }
  },
};

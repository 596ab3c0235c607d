import { promises as fs } from 'node:fs';
import type { DocsFileSystem, EntryType } from '../../core/docs/discovery';

/** The docs index's file access over Node's fs (CLI, language server, benchmarks). POSIX paths. */
export const nodeFileSystem: DocsFileSystem = {
  readFile: (path) => fs.readFile(path, 'utf8'),
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

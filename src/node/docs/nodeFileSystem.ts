import { promises as fs } from 'node:fs';
import type { DocsFileSystem, EntryType } from '../../core/docs/discovery';

/** The docs index's file access over Node's fs (CLI, language server, benchmarks). POSIX paths. */
export const nodeFileSystem: DocsFileSystem = {
  readFile: (path) => fs.readFile(path, 'utf8'),
  async readText(path, maxBytes) {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { size };
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
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

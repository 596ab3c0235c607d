import { promises as fs } from 'node:fs';
import type { DocsFileSystem, EntryType, ReadResult } from '../../core/docs/discovery';
import { dirname } from '../../core/docs/paths';
import { decodeReported } from '../decode';
import { readRegular } from '../regularFile';

/** Config files (`.adr-dir`, `.log4brains.yml`) are a few lines; anything larger is not one. */
const MAX_CONFIG_BYTES = 256 * 1024;

function readSafely(path: string, maxBytes: number, root: string): ReadResult {
  const read = readRegular(path, maxBytes, root);
  // Windows-1252 maps every byte, so a file that is not UTF-8 still reads (and is reported as such).
  return Buffer.isBuffer(read) ? decodeReported(read) : read;
}

/**
 * The docs index's file access over Node's fs (CLI, language server, benchmarks). POSIX paths.
 * Synchronous calls inside the async interface: for small files Node's promise-based fs costs
 * several thread-pool round trips per file, more than the read itself (bench/docs-index.ts). They
 * cannot block: only regular files are read (opened non-blocking, checked with fstat), with the
 * size limit enforced while reading.
 */
export const nodeFileSystem: DocsFileSystem = {
  async readFile(path, root) {
    const read = readSafely(path, MAX_CONFIG_BYTES, root ?? dirname(path));
    if (read === undefined) throw Object.assign(new Error(`${path} does not exist`), { code: 'ENOENT' });
    if (typeof read === 'string') return read;
    if ('text' in read) return read.text;
    if ('size' in read) throw new Error(`it is over ${MAX_CONFIG_BYTES / 1024} KiB`);
    throw new Error(read.reason);
  },
  async readText(path, maxBytes, root) {
    return readSafely(path, maxBytes, root ?? dirname(path));
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

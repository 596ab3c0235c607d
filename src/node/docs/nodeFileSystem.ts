import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, realpathSync } from 'node:fs';
import type { DocsFileSystem, EntryType, ReadResult } from '../../core/docs/discovery';
import { dirname, isInside } from '../../core/docs/paths';

/** Config files (`.adr-dir`, `.log4brains.yml`) are a few lines; anything larger is not one. */
const MAX_CONFIG_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Windows-1252 maps every byte, so a file that is not UTF-8 still reads (and is reported as such). */
const fallback = new TextDecoder('windows-1252');

/**
 * Real paths of folders, remembered for a second: a cold index of 5,000 records in one folder
 * resolves that folder once, and a folder swapped for a link is seen again a second later.
 */
const realFolders = new Map<string, { real: string; at: number }>();

function realFolder(path: string): string {
  const now = Date.now();
  const known = realFolders.get(path);
  if (known && now - known.at < 1000) return known.real;
  const real = realpathSync.native(path);
  if (realFolders.size > 10_000) realFolders.clear();
  realFolders.set(path, { real, at: now });
  return real;
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Opens `path` for reading only if it is a regular file inside `root`: O_NONBLOCK so that a FIFO
 * never waits for a writer, O_NOFOLLOW so that a link is resolved (and checked) by us, fstat on the
 * open handle so that what is read is what was checked.
 */
function openRegular(path: string, root: string): { fd: number; size: number } | ReadResult {
  const realRoot = realFolder(root);
  let target: string;
  try {
    target = `${realFolder(dirname(path))}/${path.slice(dirname(path).length + 1)}`;
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    if (!isErrno(error, 'ELOOP')) throw error;
    // A symbolic link: followed only when it ends inside the workspace folder.
    try {
      target = realpathSync.native(target);
    } catch (linkError) {
      if (isErrno(linkError, 'ENOENT', 'ELOOP', 'ENOTDIR')) return undefined;
      throw linkError;
    }
    if (!isInside(realRoot, target)) {
      return { skipped: 'outside-workspace', reason: `it is a link to ${target}, outside the workspace` };
    }
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  }
  if (!isInside(realRoot, target)) {
    closeSync(fd);
    return { skipped: 'outside-workspace', reason: `it is ${target}, outside the workspace` };
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    const what = stat.isFIFO()
      ? 'a named pipe'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isSocket()
          ? 'a socket'
          : stat.isDirectory()
            ? 'a folder'
            : 'not a regular file';
    return { skipped: 'not-a-file', reason: `it is ${what}, not a regular file` };
  }
  return { fd, size: stat.size };
}

/** Reads at most `maxBytes` from `fd`; undefined when there is more (the file grew past its stat). */
function readBounded(fd: number, size: number, maxBytes: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length > maxBytes) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
    if (length > maxBytes) return undefined;
  }
}

function decode(bytes: Buffer): ReadResult {
  try {
    return utf8.decode(bytes);
  } catch {
    return { text: fallback.decode(bytes), encoding: 'windows-1252' };
  }
}

function readSafely(path: string, maxBytes: number, root: string): ReadResult {
  const opened = openRegular(path, root);
  if (!opened || typeof opened !== 'object' || !('fd' in opened)) return opened as ReadResult;
  const { fd, size } = opened;
  try {
    if (size > maxBytes) return { size };
    const bytes = readBounded(fd, size, maxBytes);
    return bytes ? decode(bytes) : { size: Math.max(size, maxBytes + 1) };
  } finally {
    closeSync(fd);
  }
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

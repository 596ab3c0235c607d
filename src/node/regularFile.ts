// Reading a file that a repository or a setting names, without trusting it: only a regular file is
// read (a FIFO never waits for a writer, a device is never read), a link is followed only when it
// ends inside the given folder, and never more than the given number of bytes. Shared by the docs
// index (docs/nodeFileSystem.ts) and the weekly draft's previous update and template.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isInside } from '../core/docs/paths';

/** Why a file was not opened: not a regular file, or a link that leaves the folder. */
export interface Refused {
  skipped: 'not-a-file' | 'outside-workspace';
  reason: string;
}

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
 * Opens `path` for reading only if it is a regular file (inside `root`, unless `root` is null: a
 * path the user named, which may be anywhere): O_NONBLOCK so that a FIFO never waits for a writer,
 * O_NOFOLLOW so that a link is resolved (and checked) by us, fstat on the open handle so that what
 * is read is what was checked. Undefined when nothing is there. `where` names `root` in reasons.
 */
export function openRegular(
  path: string,
  root: string | null,
  where = 'the workspace',
): { fd: number; size: number } | Refused | undefined {
  const realRoot = root === null ? null : realFolder(root);
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
    // A symbolic link: followed only when it ends inside the folder.
    try {
      target = realpathSync.native(target);
    } catch (linkError) {
      if (isErrno(linkError, 'ENOENT', 'ELOOP', 'ENOTDIR')) return undefined;
      throw linkError;
    }
    if (realRoot !== null && !isInside(realRoot, target)) {
      return { skipped: 'outside-workspace', reason: `it is a link to ${target}, outside ${where}` };
    }
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  }
  if (realRoot !== null && !isInside(realRoot, target)) {
    closeSync(fd);
    return { skipped: 'outside-workspace', reason: `it is ${target}, outside ${where}` };
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

/**
 * The bytes of `path` if it is a regular file (see openRegular) of at most `maxBytes`; `{ size }`
 * when it is larger (not read); a Refused; undefined when nothing is there.
 */
export function readRegular(
  path: string,
  maxBytes: number,
  root: string | null,
  where?: string,
): Buffer | { size: number } | Refused | undefined {
  const opened = openRegular(path, root, where);
  if (!opened || !('fd' in opened)) return opened;
  const { fd, size } = opened;
  try {
    if (size > maxBytes) return { size };
    return readBounded(fd, size, maxBytes) ?? { size: Math.max(size, maxBytes + 1) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The text (UTF-8) of a file a user or a repository names for a draft, read as readRegular does, or
 * one line that says why not ("it is a named pipe, not a regular file", "it is over 1 MiB").
 */
export function readTextFile(
  path: string,
  maxBytes: number,
  root: string | null,
  where?: string,
): { text: string } | { problem: string } {
  let read: ReturnType<typeof readRegular>;
  try {
    read = readRegular(path, maxBytes, root, where);
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  if (read === undefined) return { problem: 'it does not exist' };
  if (Buffer.isBuffer(read)) return { text: read.toString('utf8') };
  if ('size' in read) return { problem: `it is over ${sizeLabel(maxBytes)}` };
  return { problem: read.reason };
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

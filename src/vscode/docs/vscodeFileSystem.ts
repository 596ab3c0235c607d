import * as vscode from 'vscode';
import type { DocsFileSystem, EntryType } from '../../core/docs/discovery';
import { decodeReported } from '../../node/decode';
import { nodeFileSystem } from '../../node/docs/nodeFileSystem';

/**
 * The docs index's file access: Node's fs for local folders (it opens only regular files,
 * non-blocking, and follows links only inside the workspace folder), workspace.fs for remote and
 * virtual ones, where links are not followed at all and only what the provider calls a file is read.
 */
export function vscodeFileSystem(base: vscode.Uri): DocsFileSystem {
  if (base.scheme === 'file') return nodeFileSystem;
  const uri = (path: string): vscode.Uri => base.with({ path });
  const readRegular = async (path: string, maxBytes: number) => {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri(path));
    } catch {
      return undefined;
    }
    if (stat.type & vscode.FileType.SymbolicLink) {
      return { skipped: 'outside-workspace' as const, reason: 'it is a link, and links are not followed here' };
    }
    if (!(stat.type & vscode.FileType.File)) {
      return { skipped: 'not-a-file' as const, reason: 'it is not a regular file' };
    }
    if (stat.size > maxBytes) return { size: stat.size };
    const bytes = await vscode.workspace.fs.readFile(uri(path));
    return bytes.byteLength > maxBytes ? { size: bytes.byteLength } : decodeReported(bytes);
  };
  return {
    async readFile(path) {
      const read = await readRegular(path, 256 * 1024);
      if (typeof read === 'string') return read;
      if (read !== undefined && 'text' in read) return read.text;
      throw new Error(read === undefined ? `${path} does not exist` : 'size' in read ? 'it is too large' : read.reason);
    },
    readText: (path, maxBytes) => readRegular(path, maxBytes),
    async readDirectory(path) {
      const entries = await vscode.workspace.fs.readDirectory(uri(path));
      return entries.map(([name, type]): [string, EntryType] => [
        name,
        type & vscode.FileType.SymbolicLink
          ? 'symlink'
          : type & vscode.FileType.Directory
            ? 'directory'
            : type & vscode.FileType.File
              ? 'file'
              : 'other',
      ]);
    },
    async stat(path) {
      try {
        const stat = await vscode.workspace.fs.stat(uri(path));
        return { type: stat.type & vscode.FileType.Directory ? 'directory' : 'file', size: stat.size };
      } catch {
        return undefined;
      }
    },
  };
}

import * as vscode from 'vscode';
import type { DocsFileSystem, EntryType } from '../../core/docs/discovery';

/** The docs index's file access over workspace.fs: works for local, remote and virtual folders. */
export function vscodeFileSystem(base: vscode.Uri): DocsFileSystem {
  const uri = (path: string): vscode.Uri => base.with({ path });
  const decoder = new TextDecoder('utf-8');
  return {
    async readFile(path) {
      return decoder.decode(await vscode.workspace.fs.readFile(uri(path)));
    },
    async readText(path, maxBytes) {
      let size: number;
      try {
        size = (await vscode.workspace.fs.stat(uri(path))).size;
      } catch {
        return undefined;
      }
      if (size > maxBytes) return { size };
      return decoder.decode(await vscode.workspace.fs.readFile(uri(path)));
    },
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

import * as vscode from 'vscode';
import { isMarkdownName } from '../../core/docs/markdownNames';

/**
 * The Markdown files of a folder that just appeared in the workspace folder `root` (the new name of
 * a rename, a copy), up to 12 levels down, skipping dot folders and node_modules. Nothing for a
 * file: most creates are files, and a name with an extension is not looked at.
 */
export async function markdownFilesOfNewFolder(uri: vscode.Uri, root: string | undefined): Promise<vscode.Uri[]> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const inside = root ? uri.path.slice(root.length) : '';
  if (!root || /.\.[^.]+$/.test(name) || /\/(\.|node_modules(\/|$))/.test(inside)) return [];
  // A file without an extension (Gemfile, LICENSE) is no folder: asked first, so that listing it
  // does not fail (the extension host logs every failed readdir).
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  if (!stat || !(stat.type & vscode.FileType.Directory)) return [];
  const files: vscode.Uri[] = [];
  const pending = [uri];
  for (let depth = 0; pending.length > 0 && depth < 12; depth++) {
    for (const dir of pending.splice(0)) {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue; // gone again
      }
      for (const [child, type] of entries) {
        const path = vscode.Uri.joinPath(dir, child);
        if (type === vscode.FileType.Directory && !child.startsWith('.') && child !== 'node_modules')
          pending.push(path);
        else if (type === vscode.FileType.File && isMarkdownName(child)) files.push(path);
      }
    }
  }
  return files;
}

import * as vscode from 'vscode';

/**
 * The git executable VS Code's git extension uses, without activating that extension ourselves:
 * its resolved path when it is active, else the `git.path` setting, else "git" on PATH.
 */
export function vscodeGitPath(): string {
  type GitExtension = { getAPI(version: 1): { git: { path: string } } };
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (extension?.isActive) {
    try {
      const found = extension.exports.getAPI(1).git.path;
      if (found) return found;
    } catch {
      // The git extension is disabled or not ready: fall back to the setting or PATH.
    }
  }
  const configured = vscode.workspace.getConfiguration('git').get<string | string[]>('path');
  const first = Array.isArray(configured) ? configured[0] : configured;
  return first || 'git';
}

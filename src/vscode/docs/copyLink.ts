import * as vscode from 'vscode';
import { basename, dirname, relativePath } from '../../core/docs/paths';
import { type DocsCommandDeps, activePath, pathOf } from './commandSupport';
import { decisionLabel } from './decisionsTree';

/**
 * Cadence: Copy Link — a Markdown link to the record or runbook, relative to the active Markdown
 * file (else to its workspace folder). Returns the link.
 */
export async function copyLink(deps: DocsCommandDeps, arg?: unknown): Promise<string | undefined> {
  const { service } = deps;
  await service.whenReady();
  const path = pathOf(arg) ?? activePath();
  if (!path) return;
  const decision = service.index.decision(path);
  const label = decision ? decisionLabel(decision) : (service.index.runbook(path)?.title ?? basename(path));
  const active = activePath();
  const from =
    active && active !== path && /\.(md|markdown)$/i.test(active)
      ? dirname(active)
      : service.rootOf(path)?.folder.uri.path;
  const href = from ? relativePath(from, path) : path;
  const link = `[${label}](${encodeURI(href)})`;
  await vscode.env.clipboard.writeText(link);
  vscode.window.setStatusBarMessage(`Copied ${link}`, 3000);
  return link;
}

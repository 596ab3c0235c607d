import * as vscode from 'vscode';
import { basename, dirname, relativePath } from '../../core/docs/paths';
import { type DocsCommandDeps, activePath, pathOf } from './commandSupport';
import { decisionLabel } from './decisionsTree';
import { pickRecord, recordItems } from './recordPicker';

/**
 * Cadence: Copy Link — a Markdown link to the record or runbook, relative to the active Markdown
 * file (else to its workspace folder). Returns the link.
 */
export async function copyLink(deps: DocsCommandDeps, arg?: unknown): Promise<string | undefined> {
  const { service } = deps;
  await service.whenReady();
  const active = activePath();
  const known = (p: string | undefined): p is string =>
    p !== undefined && (service.index.decision(p) !== undefined || service.index.runbook(p) !== undefined);
  // A row or URI given, else the active record; with neither (the palette, nothing selected): a pick.
  const path =
    pathOf(arg) ??
    (known(active)
      ? active
      : (await pickRecord(recordItems(service, { runbooks: true }), { placeHolder: 'Record or runbook to link to' }))
          ?.path);
  if (!path) return;
  const decision = service.index.decision(path);
  const label = decision ? decisionLabel(decision) : (service.index.runbook(path)?.title ?? basename(path));
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

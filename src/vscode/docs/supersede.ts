import type * as vscode from 'vscode';
import { basename } from '../../core/docs/paths';
import {
  type DocsCommandDeps,
  applyTextEdits,
  askTitle,
  loadEdits,
  pickDecision,
  requireTrust,
} from './commandSupport';
import { decisionLabel } from './decisionsTree';
import { createDecision } from './newDecision';

/**
 * Cadence: Supersede Decision Record — writes the successor (linking back) and marks the old
 * record "Superseded by" it. Returns the successor's URI.
 */
export async function supersede(
  deps: DocsCommandDeps,
  arg?: unknown,
  options?: { title?: string },
): Promise<vscode.Uri | undefined> {
  const { service } = deps;
  const { numberFromFileName, setStatusEdits, successorFormat, supersededStatus } = await loadEdits();
  if (!requireTrust()) return undefined;
  const old = await pickDecision(service, arg, 'Decision record to supersede');
  if (!old) return undefined;
  const title = (
    options?.title ?? (await askTitle(`Title of the decision that supersedes "${decisionLabel(old)}"`))
  )?.trim();
  if (!title) return undefined;
  const format = successorFormat(old, service.index.decisions());
  const uri = await createDecision(deps, old.folder, title, format, old);
  const successor = {
    number: numberFromFileName(basename(uri.path))?.number,
    title,
    href: basename(uri.path),
  };
  // A separate edit per file: each file's change undoes on its own, without a multi-file prompt.
  await applyTextEdits(service.uri(old.path), (text) =>
    setStatusEdits(old.path, text, supersededStatus(successor, old.format)),
  );
  return uri;
}

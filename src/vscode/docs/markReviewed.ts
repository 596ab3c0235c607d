import * as vscode from 'vscode';
import {
  type DocsCommandDeps,
  activePath,
  applyTextEdits,
  loadEdits,
  pathOf,
  requireTrust,
  today,
} from './commandSupport';

/** Cadence: Mark Runbook Reviewed — sets the runbook's review date to today. */
export async function markReviewed(deps: DocsCommandDeps, arg?: unknown): Promise<void> {
  const { service } = deps;
  const { markReviewedEdits } = await loadEdits();
  if (!requireTrust()) return;
  await service.whenReady();
  let path = pathOf(arg) ?? activePath();
  if (!path || !service.index.runbook(path)) {
    const picked = await vscode.window.showQuickPick(
      service.index
        .runbooks()
        .map((r) => ({ label: r.title, description: r.reviewDue ? `due ${r.reviewDue}` : '', path: r.path })),
      { placeHolder: 'Runbook you reviewed' },
    );
    path = picked?.path;
  }
  if (!path) return;
  const target = path;
  await applyTextEdits(service.uri(target), (text) => markReviewedEdits(target, text, today(service.clock.now())));
}

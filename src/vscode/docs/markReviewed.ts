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
  const day = today(service.clock.now());
  const uri = service.uri(target);
  const change = await applyTextEdits(uri, (text) => markReviewedEdits(target, text, day));
  const title = service.index.runbook(target)?.title ?? target;
  if (change) deps.lastEdit.done({ summary: `Marked "${title}" reviewed on ${day}`, changes: [change], focus: uri });
}

import * as vscode from 'vscode';
import { STATUS_LABELS, statusDisplay } from '../../core/docs/status';
import { type DocsCommandDeps, applyTextEdits, loadEdits, pickDecision, requireTrust } from './commandSupport';
import { decisionLabel } from './decisionsTree';

/** Cadence: Change Status — rewrites the status where the record keeps it, to the given or picked one. */
export async function changeStatus(deps: DocsCommandDeps, arg?: unknown, status?: string): Promise<void> {
  const { service } = deps;
  const { STATUS_CHOICES, setStatusEdits, statusEditNote } = await loadEdits();
  if (!requireTrust()) return;
  const decision = await pickDecision(service, arg, 'Decision record whose status to change');
  if (!decision) return;
  const chosen =
    status ??
    (
      await vscode.window.showQuickPick(
        STATUS_CHOICES.map((s) => ({ label: STATUS_LABELS[s], picked: s === decision.status })),
        {
          placeHolder: `Status of ${decisionLabel(decision)} (now: ${statusDisplay(decision.statusText) || 'none'})`,
        },
      )
    )?.label;
  if (!chosen) return;
  const uri = service.uri(decision.path);
  const change = await applyTextEdits(uri, (text) => setStatusEdits(decision.path, text, chosen));
  if (!change) return;
  // A "Superseded by" link outranks the written status: say so rather than look like a no-op.
  const note = statusEditNote(decision.path, change.after, chosen);
  if (note) void vscode.window.showInformationMessage(note);
  deps.lastEdit.done({ summary: `${decisionLabel(decision)} is now ${chosen}`, changes: [change], focus: uri });
}

import * as vscode from 'vscode';
import { Commands } from '../../shared/ids';
import { changeStatus } from './changeStatus';
import { type DocsCommandDeps, guard } from './commandSupport';
import { copyLink } from './copyLink';
import { markReviewed } from './markReviewed';
import { newDecision } from './newDecision';
import { supersede } from './supersede';
import { clearFilter, filterDecisions, openRecord, refreshDocs, reveal, toggleGrouping } from './treeCommands';

/** The docs commands: one named function each (the files beside this one); here they are only registered. */
export function registerDocsCommands(deps: DocsCommandDeps): vscode.Disposable[] {
  /** A command that reports its failure as "Cadence could not <what>: …" instead of throwing. */
  const guarded = <A extends unknown[], R>(what: string, command: (d: DocsCommandDeps, ...args: A) => Promise<R>) =>
    guard(deps.log, what, (...args: A) => command(deps, ...args));
  const plain =
    <A extends unknown[], R>(command: (d: DocsCommandDeps, ...args: A) => R) =>
    (...args: A) =>
      command(deps, ...args);
  return [
    vscode.commands.registerCommand(Commands.docsNewDecision, guarded('create the decision record', newDecision)),
    vscode.commands.registerCommand(Commands.docsSupersede, guarded('supersede the decision record', supersede)),
    vscode.commands.registerCommand(Commands.docsChangeStatus, guarded('change the status', changeStatus)),
    vscode.commands.registerCommand(Commands.docsMarkReviewed, guarded('mark the runbook reviewed', markReviewed)),
    vscode.commands.registerCommand(Commands.docsCopyLink, guarded('copy the link', copyLink)),
    vscode.commands.registerCommand(Commands.docsRefresh, plain(refreshDocs)),
    vscode.commands.registerCommand(Commands.docsFilter, plain(filterDecisions)),
    vscode.commands.registerCommand(Commands.docsClearFilter, plain(clearFilter)),
    vscode.commands.registerCommand(Commands.docsReveal, guarded('reveal the record', reveal)),
    vscode.commands.registerCommand(Commands.docsToggleGrouping, plain(toggleGrouping)),
    vscode.commands.registerCommand(Commands.docsOpen, plain(openRecord)),
    vscode.commands.registerCommand(
      Commands.docsUndo,
      guard(deps.log, 'undo the last Cadence edit', () => deps.lastEdit.undo()),
    ),
  ];
}

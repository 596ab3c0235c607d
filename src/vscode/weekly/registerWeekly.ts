// The weekly update in VS Code: six commands and the editor-title button on saved updates. Only
// ids, vscode and the settings reader are loaded at activation; the drafting code (git, the parser, Handlebars) is
// imported on the first command, so activation stays cheap.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DRAFT_TITLE, WEEKLY_CONTEXT } from '../../shared/ids';
import { readWeeklySettings } from './settings';
import type { WeeklyState } from './draftEditor';
import type { PublishArgs } from './publishGithub';
import type { DraftForChoice } from './weeklyCommands';
import type { WeeklyDeps } from './deps';

export function registerWeekly(context: vscode.ExtensionContext, deps: WeeklyDeps): void {
  const state: WeeklyState = { last: null };
  const commands = () => import('./weeklyCommands');
  const sharing = () => import('./draftEditor');
  const run = (name: string, action: () => Promise<unknown>) => async () => {
    try {
      return await action();
    } catch (error) {
      // Anything unexpected still gets one line for the user and the details in the log.
      deps.log.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(
        `Cadence: ${name} failed (${error instanceof Error ? error.message : String(error)}). See "Cadence: Show Log".`,
      );
      return undefined;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.weeklyDraft, (...args: unknown[]) =>
      run('Draft Weekly Update', async () =>
        (await commands()).draftWeekly(state, deps, { kind: 'thisWeek' }, args[0]),
      )(),
    ),
    vscode.commands.registerCommand(Commands.weeklyDraftFor, (choice?: DraftForChoice) =>
      run('Draft Weekly Update for…', async () => (await commands()).draftWeeklyFor(state, deps, choice))(),
    ),
    vscode.commands.registerCommand(
      Commands.weeklyCopyAsSlack,
      run('Copy Weekly Update as Slack', async () => (await sharing()).copyWeekly(state, 'slack')),
    ),
    vscode.commands.registerCommand(
      Commands.weeklyCopyAsText,
      run('Copy Weekly Update as Plain Text', async () => (await sharing()).copyWeekly(state, 'text')),
    ),
    vscode.commands.registerCommand(
      Commands.weeklySave,
      run('Save Weekly Update', async () => (await sharing()).saveWeekly(state, deps)),
    ),
    vscode.commands.registerCommand(Commands.weeklyPublishGithub, (args?: PublishArgs) =>
      run('Publish Weekly Update to GitHub', async () =>
        (await import('./publishGithub')).publishToGithub(state, deps, args),
      )(),
    ),
  );

  // The editor-title actions: Draft on saved updates (inside the updates folder), Save on a draft,
  // Copy on both.
  const updateContext = (editor: vscode.TextEditor | undefined) => {
    const document = editor?.document;
    let isUpdate = false;
    if (document && document.uri.scheme === 'file' && document.languageId === 'markdown') {
      const workspace = vscode.workspace.getWorkspaceFolder(document.uri);
      const { folder } = readWeeklySettings(document.uri);
      if (workspace && folder) {
        const relative = path.relative(path.resolve(workspace.uri.fsPath, folder), document.uri.fsPath);
        isUpdate = !relative.startsWith('..') && !path.isAbsolute(relative);
      }
    }
    const isDraft = document?.isUntitled === true && document.uri.path.startsWith(DRAFT_TITLE);
    void vscode.commands.executeCommand('setContext', WEEKLY_CONTEXT.isUpdateFile, isUpdate);
    void vscode.commands.executeCommand('setContext', WEEKLY_CONTEXT.isDraft, isDraft);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(updateContext));
  // Deferred: nothing heavy, but activation does no work it can postpone.
  setTimeout(() => updateContext(vscode.window.activeTextEditor), 0);
}

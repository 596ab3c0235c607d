import * as vscode from 'vscode';
import { Commands, LOG_CHANNEL_NAME } from '../shared/ids';

/** One log channel for the whole extension; features receive it instead of creating their own. */
export function registerLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.showLog, () => log.show(/* preserveFocus */ false)),
  );
  return log;
}

import * as vscode from 'vscode';
import { basename } from '../../core/docs/paths';
import { Commands } from '../../shared/ids';

/** One file a Cadence command wrote: its text before (undefined: the command created it) and after. */
export interface FileChange {
  uri: vscode.Uri;
  before: string | undefined;
  after: string;
}

/** What a command did, as the user is told and as Undo takes it back. */
export interface CadenceEdit {
  /** "0043 Use X is superseded by 0077 Use Y" — shown, and "Undone: …" after an undo. */
  summary: string;
  changes: FileChange[];
  /** The file Open shows and whose row the tree reveals. */
  focus: vscode.Uri;
}

const CAN_UNDO = 'cadence.docs.canUndo';

/** The one replacement that turns `from` into `to`: their common prefix and suffix left alone. */
function difference(from: string, to: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let tail = 0;
  while (
    tail < from.length - start &&
    tail < to.length - start &&
    from[from.length - 1 - tail] === to[to.length - 1 - tail]
  )
    tail++;
  return { start, end: from.length - tail, newText: to.slice(start, to.length - tail) };
}

/**
 * The last edit a docs command made (Change Status, Mark Reviewed, Supersede), for "Undo Last
 * Cadence Edit" — from the notification, the view's title bar, or Ctrl+Z in the Decisions and
 * Runbooks views, where the editor's own undo cannot reach. Undo restores each file only while it
 * still reads as Cadence left it: nothing the user wrote since is overwritten.
 */
export class LastEdit implements vscode.Disposable {
  private last: CadenceEdit | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly reveal: (uri: vscode.Uri) => Promise<unknown>,
  ) {}

  /** Remembers the edit, reveals its row and says what was done, with Undo and Open. */
  done(edit: CadenceEdit): void {
    this.last = edit;
    void vscode.commands.executeCommand('setContext', CAN_UNDO, true);
    this.log.info(`${edit.summary} (${edit.changes.map((c) => basename(c.uri.path)).join(', ')})`);
    // The row is revealed once the index has the change; the command does not wait for it.
    void this.reveal(edit.focus).catch(() => undefined);
    void vscode.window.showInformationMessage(`${edit.summary}.`, 'Undo', 'Open').then(async (choice) => {
      if (choice === 'Undo' && this.last === edit) await vscode.commands.executeCommand(Commands.docsUndo);
      if (choice === 'Open') await vscode.window.showTextDocument(edit.focus, { preview: false });
    });
  }

  /** Takes the last edit back; returns what was undone, or undefined when there was nothing to undo. */
  async undo(): Promise<string | undefined> {
    const edit = this.last;
    if (!edit) {
      void vscode.window.showInformationMessage('No Cadence edit to undo.');
      return undefined;
    }
    const changed: string[] = [];
    for (const change of edit.changes) {
      const document = await vscode.workspace.openTextDocument(change.uri).then(
        (d) => d,
        () => undefined,
      );
      if (!document || document.getText() !== change.after) changed.push(basename(change.uri.path));
    }
    if (changed.length > 0) {
      void vscode.window.showWarningMessage(
        `Cadence did not undo "${edit.summary}": ${changed.join(', ')} changed since. Use the editor's Undo there.`,
      );
      return undefined;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const change of edit.changes) {
      if (change.before === undefined) workspaceEdit.deleteFile(change.uri, { ignoreIfNotExists: true });
      else {
        // Only the part that differs: the rest of the file keeps its bytes (and the editor its folds).
        const document = await vscode.workspace.openTextDocument(change.uri);
        const { start, end, newText } = difference(change.after, change.before);
        workspaceEdit.replace(
          change.uri,
          new vscode.Range(document.positionAt(start), document.positionAt(end)),
          newText,
        );
      }
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) throw new Error('VS Code refused the edit');
    for (const change of edit.changes) {
      if (change.before !== undefined) await (await vscode.workspace.openTextDocument(change.uri)).save();
    }
    this.last = undefined;
    void vscode.commands.executeCommand('setContext', CAN_UNDO, false);
    const target = edit.changes.find((c) => c.before !== undefined)?.uri;
    if (target) void this.reveal(target).catch(() => undefined);
    vscode.window.setStatusBarMessage(`Undone: ${edit.summary}`, 5000);
    this.log.info(`Undone: ${edit.summary}`);
    return edit.summary;
  }

  dispose(): void {
    this.last = undefined;
  }
}

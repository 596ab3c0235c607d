// What follows a timer change this window wrote: Do Not Disturb and hooks when a block starts, the
// end-of-block notice, breaks and auto-start when it ends, and the history record. The record is
// queued in the same locked write that ends the block (pendingHistory), appended here and then
// cleared, so a window that crashes in between loses nothing (a record written twice is read once).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clearPendingHistory, type PendingRecord } from '../../core/focus/shared';
import type { EndedBlock, Transition } from '../../core/focus/timer';
import { commitsBetween, currentBranch } from '../../node/focus/git';
import { appendFocusRecord } from '../../node/focus/historyFile';
import type { FocusEffects } from './effects';
import { errorText, randomId, type FocusSession } from './focusSession';
import type { FocusSettings } from './settings';

/** After this long past its end, a block found at start-up does not auto-start a break. */
const FRESH_END_MS = 60_000;

export class BlockLifecycle {
  private flushing: Promise<void> | undefined;
  private prompt: vscode.StatusBarItem | undefined;

  constructor(
    private readonly session: FocusSession,
    private readonly effects: FocusEffects,
    private readonly settings: () => FocusSettings,
    private readonly historyFile: string,
    /** Called after a record reached the history file (the history panel re-renders). */
    private readonly onRecorded: () => Promise<void>,
  ) {
    session.onTransition = (transition, now, dueAt) => this.afterTransition(transition, now, dueAt);
    // A block or break started (here or in another window) answers the question the prompt asks.
    session.onChange((shared) => shared.timer.phase !== 'idle' && this.clearPrompt());
  }

  private async afterTransition(transition: Transition, now: number, dueAt: number): Promise<void> {
    const settings = this.settings();
    // A block that ran out (rather than being stopped) gets the end-of-block notice.
    if (transition.ended) await this.finishBlock(transition.ended, transition.ended.completed, now);
    // A break that ran out: its end is `dueAt`; one that was skipped or stopped ended before that.
    if (transition.breakEnded && !transition.started && now >= dueAt) {
      // Auto-start only right after the break, never for a break that ended while the machine slept.
      if (settings.autoStart && now - dueAt < FRESH_END_MS) {
        await this.startBlock(settings.blockMinutes);
      } else {
        void vscode.window
          .showInformationMessage('Cadence: break over.', 'Start a focus block', 'Done for now')
          .then((choice) =>
            choice === 'Start a focus block'
              ? this.session.guard(() => this.startBlock(settings.blockMinutes))
              : undefined,
          );
      }
    }
    if (transition.started) {
      const block = transition.started;
      this.session.log.info(`Focus block started: ${block.plannedMinutes} min`);
      if (settings.doNotDisturb) await this.effects.applyDoNotDisturb(block.id, now);
      void this.session.track(this.effects.startHooks(block.id, now), 'start hooks');
    }
  }

  private async finishBlock(ended: EndedBlock, ranOut: boolean, now: number): Promise<void> {
    const settings = this.settings();
    this.session.log.info(
      `Focus block ${ended.completed ? 'completed' : 'stopped'}: ${ended.actualMinutes} of ${ended.plannedMinutes} min`,
    );
    // Do Not Disturb off (and end hooks) first, so the notice below is not silenced by our own DND.
    await this.effects.undoEffects();
    void this.session.track(this.flushHistory(), 'recording the focus block');
    if (!ranOut) return;
    const fresh = now - ended.endedAt < FRESH_END_MS;
    if (settings.autoStart && settings.breaks && fresh) {
      await this.session.dispatch({ type: 'startBreak', minutes: settings.breakMinutes });
      void vscode.window
        .showInformationMessage(`Cadence: focus block done (${ended.actualMinutes} min). Break started.`, 'Skip break')
        .then((choice) =>
          choice
            ? this.session.guard(() => this.session.dispatch({ type: 'skipBreak', expect: { phase: 'break' } }))
            : undefined,
        );
      return;
    }
    const choices = settings.breaks
      ? ['Take a break', 'Another block', 'Done for now']
      : ['Another block', 'Done for now'];
    const when = new Date(ended.endedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    // Not awaited: the notice waits for the user, the timer and the side effects do not. A toast
    // hides itself after a while; until the notice is answered, the status bar keeps asking.
    const prompt = this.showPrompt(`${ended.actualMinutes} min`);
    void vscode.window
      .showInformationMessage(
        `Cadence: focus block done (${ended.actualMinutes} min${fresh ? '' : `, ended at ${when}`}).`,
        ...choices,
      )
      .then((choice) =>
        this.session.guard(async () => {
          prompt.dispose();
          if (choice === 'Take a break')
            await this.session.dispatch({
              type: 'startBreak',
              minutes: settings.breakMinutes,
              expect: { phase: 'idle' },
            });
          else if (choice === 'Another block') await this.startBlock(settings.blockMinutes);
        }),
      );
  }

  /** The end-of-block prompt in the status bar while the notice is unanswered ("" when none). */
  endPrompt(): string {
    return this.prompt?.text ?? '';
  }

  private showPrompt(length: string): vscode.Disposable {
    this.clearPrompt();
    const item = vscode.window.createStatusBarItem('cadence.focus.ended', vscode.StatusBarAlignment.Left, 99);
    item.name = 'Cadence Focus Block Done';
    item.text = '$(bell-dot) Block done';
    item.tooltip = `Focus block done (${length}): take a break, another block, or done for now`;
    item.accessibilityInformation = { label: `Block done (${length}): choose what is next` };
    item.command = 'notifications.showList';
    item.show();
    this.prompt = item;
    return {
      dispose: () => {
        item.dispose();
        if (this.prompt === item) this.prompt = undefined;
      },
    };
  }

  private clearPrompt(): void {
    this.prompt?.dispose();
    this.prompt = undefined;
  }

  dispose(): void {
    this.clearPrompt();
  }

  /** Git only in a trusted local folder; anything else records no branch. */
  private gitFolder(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return vscode.workspace.isTrusted && folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  async startBlock(minutes: number): Promise<void> {
    const gitFolder = this.gitFolder();
    const branch = gitFolder ? await currentBranch(gitFolder) : undefined;
    const workspace = vscode.workspace.workspaceFolders?.[0]
      ? path.basename(vscode.workspace.workspaceFolders[0].uri.path)
      : undefined;
    await this.session.dispatch({
      type: 'start',
      id: `${this.session.clock.now().toString(36)}-${randomId(6)}`,
      minutes,
      ...(workspace !== undefined ? { workspace } : {}),
      ...(branch !== undefined ? { branch } : {}),
      ...(gitFolder !== undefined ? { gitFolder } : {}),
    });
  }

  /** Appends every queued record (also ones a crashed window left) and clears each once it is in. */
  flushHistory(): Promise<void> {
    // One flush at a time in this window; another window flushing too only writes a duplicate line.
    this.flushing ??= this.flushPending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushPending(): Promise<void> {
    let recorded = false;
    for (const pending of this.session.shared.pendingHistory ?? []) {
      if (!(await this.record(pending))) continue;
      recorded = true;
      await this.session.update((current) => clearPendingHistory(current, pending.id));
    }
    if (recorded) await this.onRecorded();
  }

  private async record(pending: PendingRecord): Promise<boolean> {
    // The block's own folder (stored at its start, only when trusted), not this window's.
    const { gitFolder, ...ended } = pending;
    const [branchAtEnd, commits] = gitFolder
      ? await Promise.all([currentBranch(gitFolder), commitsBetween(gitFolder, ended.startedAt, ended.endedAt)])
      : [undefined, []];
    try {
      await appendFocusRecord(this.historyFile, {
        ...ended,
        // The folder ties the block to its repository (the weekly update counts only its own).
        ...(gitFolder !== undefined ? { repo: gitFolder } : {}),
        ...(branchAtEnd !== undefined ? { branchAtEnd } : {}),
        commits,
      });
      return true;
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Cadence could not record the focus block in ${this.historyFile}: ${errorText(error)}. The timer is unaffected; it is kept and recorded later.`,
      );
      return false;
    }
  }
}

// Side effects of a focus block and their undo: notification Do Not Disturb (a toggle VS Code gives
// no way to read) and the user's start/end hook commands. Each is journaled in the shared record
// before it is made and claimed under the lock before it is undone, so it is undone at most once and
// by a window that can do it right (see dueUndos and docs/decisions/0005).
import * as vscode from 'vscode';
import {
  claimUndo,
  dueUndos,
  HOOKS_GRACE_MS,
  isLeader,
  markEffectFailed,
  noteUi,
  recordEffect,
  type JournalEntry,
  type UndoingWindow,
} from '../../core/focus/shared';
import { errorText, type FocusSession } from './focusSession';
import type { FocusSettings } from './settings';
import { OneAtATime } from '../../core/oneAtATime';

/** VS Code's own command: toggles notification Do Not Disturb (there is no "set"; state is not readable). */
export const TOGGLE_DND_COMMAND = 'notifications.toggleDoNotDisturbMode';

/**
 * The window UI's id, or undefined when VS Code has none to give: with telemetry off,
 * `env.sessionId` is the same placeholder in every window (measured in code-server 4.139.1).
 */
export function windowUiId(sessionId: string): string | undefined {
  return sessionId && !sessionId.startsWith('someValue.') ? sessionId : undefined;
}

export class FocusEffects {
  /** When this extension host started: the fallback for when its window UI loaded. */
  private readonly activatedAt: number;
  private readonly reportedHookFailures = new Set<string>();
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly undoing = new OneAtATime(() => this.undoDue());

  constructor(
    private readonly session: FocusSession,
    private readonly settings: () => FocusSettings,
    private readonly uiId: string | undefined,
  ) {
    this.activatedAt = session.clock.now();
    session.onChange(() => {
      if (dueUndos(session.shared, this.me()).length > 0) void session.track(this.undoEffects(), 'undoing effects');
      this.armGrace();
    });
  }

  /** Records when this window UI was first seen (kept across extension host restarts). */
  async noteWindowUi(): Promise<void> {
    const uiId = this.uiId;
    if (uiId === undefined) return;
    await this.session.update((current) => noteUi(current, uiId, this.activatedAt));
  }

  private me(): UndoingWindow {
    const { shared, windowId, clock } = this.session;
    const now = clock.now();
    const uiLoadedAt = this.uiId !== undefined ? (shared.uiSeen?.[this.uiId] ?? this.activatedAt) : this.activatedAt;
    return {
      windowId,
      activatedAt: uiLoadedAt,
      ...(this.uiId !== undefined ? { uiId: this.uiId } : {}),
      leader: isLeader(shared, windowId, now),
      now,
    };
  }

  private entry(blockId: string, kind: JournalEntry['kind'], now: number): JournalEntry {
    return {
      id: `${blockId}:${kind === 'doNotDisturb' ? 'dnd' : 'hooks'}`,
      kind,
      blockId,
      appliedAt: now,
      appliedBy: this.session.windowId,
      ...(this.uiId !== undefined ? { appliedByUi: this.uiId } : {}),
    };
  }

  /** Journals an effect for a block that is still running; false when it was not (nothing to do). */
  private async journal(entry: JournalEntry): Promise<boolean> {
    const { written } = await this.session.update((current) =>
      current.timer.block?.id === entry.blockId &&
      current.timer.phase !== 'idle' &&
      !current.journal.some((e) => e.id === entry.id)
        ? { ...current, seq: current.seq + 1, journal: recordEffect(current.journal, entry) }
        : undefined,
    );
    return written;
  }

  async applyDoNotDisturb(blockId: string, now: number): Promise<void> {
    const entry = this.entry(blockId, 'doNotDisturb', now);
    // Journal first, then the effect: a crash in between can at worst skip one undo, never toggle twice.
    if (!(await this.journal(entry))) return;
    try {
      await vscode.commands.executeCommand(TOGGLE_DND_COMMAND);
      this.session.log.info('Focus: Do Not Disturb on for the block');
    } catch (error) {
      this.session.log.warn(`Focus: could not turn on Do Not Disturb: ${errorText(error)}`);
      // Nothing was toggled, so nothing may be toggled back later.
      await this.session.update((current) =>
        markEffectFailed(current, entry.id, this.session.windowId, this.session.clock.now()),
      );
    }
  }

  /** Runs the start hooks; journaled so the end hooks run once, where the start hooks ran if possible. */
  async startHooks(blockId: string, now: number): Promise<void> {
    const { onStart, onEnd } = this.settings();
    if (onStart.length === 0 && onEnd.length === 0) return;
    if (!(await this.journal(this.entry(blockId, 'hooks', now)))) return;
    await this.runHooks(onStart, 'onStart');
  }

  /**
   * Undoes due effects, each exactly once: the journal entry is claimed under the lock first. One
   * run at a time in this window, and a caller waits for the run under way (plus one more), so the
   * end-of-block notice is never shown while our own Do Not Disturb is still on.
   */
  undoEffects(): Promise<void> {
    return this.undoing.run();
  }

  private async undoDue(): Promise<void> {
    for (const entry of dueUndos(this.session.shared, this.me())) {
      const now = this.session.clock.now();
      const { written } = await this.session.update((current) =>
        claimUndo(current, entry.id, this.session.windowId, now),
      );
      if (!written) continue;
      if (entry.kind === 'hooks') {
        await this.runHooks(this.settings().onEnd, 'onEnd');
        continue;
      }
      try {
        await vscode.commands.executeCommand(TOGGLE_DND_COMMAND);
        this.session.log.info(
          `Focus: Do Not Disturb restored${entry.appliedBy === this.session.windowId ? '' : ' (left by an earlier window)'}`,
        );
      } catch (error) {
        this.session.log.warn(`Focus: could not restore Do Not Disturb: ${errorText(error)}`);
      }
    }
  }

  /** The leader looks again once the start window's grace for end hooks is over. */
  private armGrace(): void {
    if (this.graceTimer || this.session.disposed) return;
    const waiting = this.session.shared.journal.filter(
      (e) => e.kind === 'hooks' && e.undoneAt === undefined && e.blockEndedAt !== undefined,
    );
    if (waiting.length === 0 || !isLeader(this.session.shared, this.session.windowId, this.session.clock.now())) return;
    const now = this.session.clock.now();
    const wait = Math.max(0, Math.min(...waiting.map((e) => e.blockEndedAt! + HOOKS_GRACE_MS - now))) + 50;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (dueUndos(this.session.shared, this.me()).length > 0)
        void this.session.track(this.undoEffects(), 'running end hooks');
      this.armGrace();
    }, wait);
  }

  private async runHooks(commands: readonly string[], setting: 'onStart' | 'onEnd'): Promise<void> {
    for (const id of commands) {
      try {
        await vscode.commands.executeCommand(id);
      } catch (error) {
        this.session.log.warn(`Focus: cadence.focus.${setting} command "${id}" failed: ${errorText(error)}`);
        if (this.reportedHookFailures.has(`${setting}:${id}`)) continue;
        this.reportedHookFailures.add(`${setting}:${id}`);
        void vscode.window.showWarningMessage(
          `Cadence: the command "${id}" in cadence.focus.${setting} failed (${errorText(error)}). The timer keeps running; fix or remove it in Settings.`,
        );
      }
    }
  }

  dispose(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }
}

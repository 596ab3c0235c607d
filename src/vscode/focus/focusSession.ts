// This window's part in the shared focus record: the latest copy, every write (under the file's
// lock, with a fresh epoch for a new record), the watch and the poll, the once-a-second tick that
// keeps the leader's heartbeat and ends blocks on time, and storage errors said once and plainly.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import {
  applyEvent,
  EMPTY_SHARED,
  isLeader,
  isOlderRecord,
  leaderUpdate,
  withEpoch,
  type SharedFocus,
} from '../../core/focus/shared';
import type { FocusEvent, Transition } from '../../core/focus/timer';
import type { SharedFile } from '../../node/focus/sharedFile';

/** How often the same storage problem is shown or logged again. */
const REPEAT_NOTICE_MS = 60_000;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : errorText(error);
}

export function randomId(length = 8): string {
  let id = '';
  while (id.length < length) id += Math.random().toString(36).slice(2);
  return id.slice(0, length);
}

export class FocusSession {
  shared: SharedFocus = EMPTY_SHARED;
  disposed = false;
  /** Runs what follows from a transition this window wrote (set by the block lifecycle). */
  onTransition: (transition: Transition, now: number, dueAt: number) => Promise<void> = async () => undefined;
  private readonly listeners: Array<(shared: SharedFocus) => void> = [];
  private readonly pending = new Set<Promise<unknown>>();
  private ticking = false;
  private lastStorageNotice = Number.NEGATIVE_INFINITY;
  private lastTickWarning = Number.NEGATIVE_INFINITY;

  constructor(
    readonly store: SharedFile<SharedFocus>,
    readonly windowId: string,
    readonly log: vscode.LogOutputChannel,
    readonly clock: Clock,
  ) {}

  /** Called with every newer record this window sees (its own writes included). */
  onChange(listener: (shared: SharedFocus) => void): void {
    this.listeners.push(listener);
  }

  /** Keeps `promise` for `settled()`; a rejection is logged here, never left unhandled. */
  track<T>(promise: Promise<T>, what = 'focus side effect'): Promise<T | undefined> {
    const tracked = promise.catch((error: unknown) => {
      this.log.error(`Focus: ${what} failed: ${errorText(error)}`);
      return undefined;
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * The one place storage failures reach the user: a single line, at most once a minute, saying
   * that nothing changed. `notify` false only logs (background work the user did not ask for).
   */
  reportStorageError(error: unknown, notify = true): void {
    const folder = path.dirname(this.store.file);
    this.log.error(`Focus: could not save ${this.store.file}: ${errorText(error)}`);
    const now = this.clock.now();
    if (!notify || now - this.lastStorageNotice < REPEAT_NOTICE_MS) return;
    this.lastStorageNotice = now;
    void vscode.window.showErrorMessage(
      `Cadence could not save the focus timer in ${folder} (${errorCode(error)}). Nothing changed; check that the folder is writable.`,
    );
  }

  /** Runs a user's action; a storage failure is reported, never thrown at the command. */
  async guard<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      this.reportStorageError(error);
      return undefined;
    }
  }

  /** Applies `mutate` to the latest record under the lock and adopts the result. Rejects on failure. */
  async update(
    mutate: (current: SharedFocus) => SharedFocus | undefined,
  ): Promise<{ written: boolean; after: SharedFocus }> {
    const { written, after } = await this.store.update((current) => {
      const changed = mutate(current);
      return changed && withEpoch(changed, () => randomId(12));
    });
    await this.store.changedSinceLastCheck();
    this.accept(after);
    return { written, after };
  }

  async refresh(force = false): Promise<void> {
    if (this.disposed) return;
    try {
      if (!(await this.store.changedSinceLastCheck()) && !force) return;
      this.accept(await this.store.read());
    } catch (error) {
      this.log.warn(`Focus: could not read the shared state: ${errorText(error)}`);
    }
  }

  accept(shared: SharedFocus): void {
    if (this.disposed) return;
    // A heartbeat from an older seq may arrive after a newer write we made; keep the newest. A file
    // that was deleted or reset has another epoch (or reads as seq 0) and is taken as it is.
    if (shared.seq !== 0 && isOlderRecord(shared, this.shared)) return;
    this.shared = shared;
    for (const listener of this.listeners) listener(shared);
  }

  /** Applies an event to the latest shared state and performs what follows from it. */
  async dispatch(event: FocusEvent): Promise<Transition> {
    const now = this.clock.now();
    let transition: Transition = { state: this.shared.timer, changed: false };
    let dueAt = now;
    const focused = vscode.window.state.focused;
    await this.update((current) => {
      dueAt = current.timer.endsAt ?? Number.POSITIVE_INFINITY; // paused: nothing was due
      const applied = applyEvent(current, event, now);
      transition = applied.transition;
      if (!transition.changed) return undefined;
      // The window that starts a block leads it: it is the one the user is looking at.
      return transition.started
        ? { ...applied.shared, leader: { windowId: this.windowId, heartbeatAt: now, focused } }
        : applied.shared;
    });
    if (transition.changed) void this.track(this.onTransition(transition, now, dueAt), 'after a timer change');
    return transition;
  }

  /** Once a second while a block or break runs: notice others' writes, lead, end on time. */
  async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    try {
      await this.refresh();
      const now = this.clock.now();
      const focused = vscode.window.state.focused;
      if (leaderUpdate(this.shared.leader, this.windowId, now, focused)) {
        await this.update((current) => {
          const leader = leaderUpdate(current.leader, this.windowId, now, focused);
          return leader ? { ...current, seq: current.seq + 1, leader } : undefined;
        });
      }
      const { timer } = this.shared;
      if (isLeader(this.shared, this.windowId, now) && timer.endsAt !== undefined && now >= timer.endsAt) {
        await this.dispatch({ type: 'tick' });
      }
    } catch (error) {
      // Once a second would flood the log; the next tick tries again anyway.
      const now = this.clock.now();
      if (now - this.lastTickWarning >= REPEAT_NOTICE_MS) {
        this.lastTickWarning = now;
        this.log.warn(`Focus: timer tick failed (retrying every second): ${errorText(error)}`);
      }
    } finally {
      this.ticking = false;
    }
  }

  /** Best effort on close: another window takes the lead at once instead of after the TTL. */
  async releaseLeadership(): Promise<void> {
    await this.store.update((current) => {
      if (current.leader?.windowId !== this.windowId) return undefined;
      const { leader: _leader, ...rest } = current;
      return { ...rest, seq: current.seq + 1 };
    });
  }
}

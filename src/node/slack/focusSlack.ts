// Focus blocks in Slack: notifications snoozed and a status for the block, changed when the block
// is paused, resumed or extended, and undone exactly once when it ends — through the shared
// side-effect journal and by the leader window (docs/decisions/0005). Every step is journaled
// before its Slack call, so a crash or reload is repaired by the next window that looks: a block
// still under way is brought up to date, one that ended is undone. A Slack failure never touches
// the timer: what was set is taken back, the entry is marked failed, and one line tells the user.
import type { Clock } from '../../core/clock';
import {
  dueSlackUndos,
  isLeader,
  markEffectFailed,
  claimUndo,
  type JournalEntry,
  type SharedFocus,
} from '../../core/focus/shared';
import {
  focusStatus,
  mayEndSnooze,
  mayRestoreStatus,
  needsSync,
  NO_STATUS,
  sameStatus,
  slackTarget,
  snoozeMinutes,
  statusToRestore,
  toSlackSeconds,
  type SlackEffect,
  type SlackFocusMode,
} from '../../core/slack/focus';
import { journalSlack, patchSlack, slackEntry } from '../../core/slack/journal';
import type { SlackApi } from './client';
import { OneAtATime } from '../../core/oneAtATime';

/** The focus record as this window sees it and changes it (FocusSession in the editor). */
export interface FocusStore {
  readonly shared: SharedFocus;
  readonly windowId: string;
  readonly clock: Clock;
  update(mutate: (current: SharedFocus) => SharedFocus | undefined): Promise<{ written: boolean; after: SharedFocus }>;
}

export interface SlackFocusSettings {
  mode: SlackFocusMode;
  statusText: string;
  statusEmoji: string;
}

export interface SlackFocusDeps {
  store: FocusStore;
  settings(): SlackFocusSettings;
  /** A client for the stored token; undefined when Slack is not connected. */
  connect(): Promise<SlackApi | undefined>;
  /** The block's end as the status shows it ("14:30"). */
  formatTime(ms: number): string;
  log: { info(message: string): void; warn(message: string): void };
  /** One quiet line for the user. */
  notify(message: string): void;
}

class NotConnected extends Error {
  constructor() {
    super('Slack is not connected: run "Cadence: Connect Slack"');
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SlackFocus {
  private disposed = false;
  private readonly runs = new OneAtATime(
    () => this.step(),
    () => this.disposed,
  );

  constructor(private readonly deps: SlackFocusDeps) {}

  /** Looks at the latest record (call on every change); one run at a time, plus one more. */
  reconcile(): Promise<void> {
    return this.runs.run();
  }

  dispose(): void {
    this.disposed = true;
  }

  private get store(): FocusStore {
    return this.deps.store;
  }

  private async step(): Promise<void> {
    const { store } = this;
    const now = store.clock.now();
    for (const entry of dueSlackUndos(store.shared, store.windowId, now)) await this.undo(entry);
    if (this.disposed) return;
    const shared = store.shared;
    const block = shared.timer.phase !== 'idle' ? shared.timer.block : undefined;
    if (!block || !isLeader(shared, store.windowId, store.clock.now())) return;
    const entry = slackEntry(shared, block.id);
    const target = slackTarget(shared.timer, block.id);
    if (!entry) {
      const mode = this.deps.settings().mode;
      // A block that starts paused has nothing to show yet; turning the setting on mid-block counts.
      if (mode === 'off' || !target.set) return;
      const { written } = await store.update((current) =>
        journalSlack(current, {
          blockId: block.id,
          appliedAt: store.clock.now(),
          appliedBy: store.windowId,
          slack: { mode },
        }),
      );
      if (!written) return;
    }
    const current = slackEntry(store.shared, block.id);
    if (!current?.slack || current.undoneAt !== undefined) return;
    if (!needsSync(current.slack, target)) return;
    try {
      const api = await this.api();
      if (target.set) await this.apply(api, block.id, target.until);
      else await this.remove(api, block.id, current.slack);
    } catch (error) {
      await this.failed(block.id, error);
    }
  }

  private async api(): Promise<SlackApi> {
    const api = await this.deps.connect();
    if (!api) throw new NotConnected();
    return api;
  }

  private async patch(blockId: string, patch: Partial<SlackEffect>): Promise<SlackEffect> {
    const { after } = await this.store.update((current) => patchSlack(current, blockId, patch));
    return slackEntry(after, blockId)?.slack ?? { mode: 'dnd' };
  }

  /** Sets Slack for the block until `until`: a new block, a resumed one, or an extended one. */
  private async apply(api: SlackApi, blockId: string, until: number): Promise<void> {
    let effect = slackEntry(this.store.shared, blockId)!.slack!;
    const now = () => this.store.clock.now();
    if (effect.dndByCadence === undefined) {
      const info = await api.dndInfo();
      // The user's own snooze is theirs: Cadence neither shortens nor ends it.
      effect = await this.patch(blockId, { dndByCadence: !info.snoozeEnabled });
    }
    if (effect.dndByCadence) {
      const minutes = snoozeMinutes(until - now());
      effect = await this.patch(blockId, { snoozeUntil: toSlackSeconds(now()) + minutes * 60 });
      const endtime = await api.setSnooze(minutes);
      if (endtime !== undefined) effect = await this.patch(blockId, { snoozeUntil: endtime });
    }
    if (effect.mode === 'dndAndStatus') {
      const current = await api.getStatus();
      const ours = effect.status !== undefined && sameStatus(current, effect.status);
      if (effect.status !== undefined && effect.appliedUntil !== undefined && !ours) {
        // The user changed the status during the block: it is theirs now, Cadence leaves it.
        await this.patch(blockId, { status: undefined });
        this.deps.log.info('Slack: the status was changed during the block; Cadence leaves it');
      } else {
        const status = focusStatus(this.deps.settings(), until, this.deps.formatTime);
        await this.patch(blockId, { previous: ours ? (effect.previous ?? NO_STATUS) : current, status });
        await api.setStatus(status);
      }
    }
    await this.patch(blockId, { appliedUntil: until });
    this.deps.log.info(`Slack: focus block shown until ${new Date(until).toISOString()}`);
  }

  /** Takes back what Cadence set, under the undo rules (core/slack/focus.ts). */
  private async remove(api: SlackApi, blockId: string | undefined, effect: SlackEffect): Promise<void> {
    if (effect.dndByCadence && effect.snoozeUntil !== undefined) {
      const info = await api.dndInfo();
      if (mayEndSnooze(true, info, effect.snoozeUntil)) await api.endSnooze();
      else this.deps.log.info('Slack: the snooze was changed or ended by the user; Cadence leaves it');
    }
    if (effect.status !== undefined) {
      const now = this.store.clock.now();
      const current = await api.getStatus();
      if (mayRestoreStatus(current, effect.status, now))
        await api.setStatus(statusToRestore(effect.previous ?? NO_STATUS, now));
      else this.deps.log.info('Slack: the status was changed by the user during the block; Cadence leaves it');
    }
    if (blockId !== undefined)
      await this.patch(blockId, { appliedUntil: undefined, snoozeUntil: undefined, status: undefined });
  }

  /** Undoes a block's Slack effect once: claimed under the lock first, then taken back. */
  private async undo(entry: JournalEntry): Promise<void> {
    const { store } = this;
    const { written } = await store.update((current) =>
      claimUndo(current, entry.id, store.windowId, store.clock.now()),
    );
    if (!written || !entry.slack) return;
    if (entry.slack.appliedUntil === undefined && entry.slack.status === undefined && !entry.slack.snoozeUntil) return;
    try {
      await this.remove(await this.api(), undefined, entry.slack);
      this.deps.log.info(
        `Slack: focus block undone${entry.appliedBy === store.windowId ? '' : ' (left by an earlier window)'}`,
      );
    } catch (error) {
      this.deps.log.warn(`Slack: could not undo the focus block: ${message(error)}`);
      this.deps.notify(
        `Cadence could not reset Slack after the focus block: ${message(error)}. Cadence's snooze and status expire at the block's planned end.`,
      );
    }
  }

  /** A failure while setting: take back what was set, never try this block again, say it once. */
  private async failed(blockId: string, error: unknown): Promise<void> {
    const { store } = this;
    this.deps.log.warn(`Slack: ${message(error)}`);
    const effect = slackEntry(store.shared, blockId)?.slack;
    if (effect && !(error instanceof NotConnected)) {
      try {
        await this.remove(await this.api(), blockId, effect);
      } catch (again) {
        this.deps.log.warn(`Slack: could not take back what was set: ${message(again)}`);
      }
    }
    await store.update((current) => markEffectFailed(current, `${blockId}:slack`, store.windowId, store.clock.now()));
    this.deps.notify(`Cadence did not change Slack for this focus block: ${message(error)}. The block runs as usual.`);
  }
}

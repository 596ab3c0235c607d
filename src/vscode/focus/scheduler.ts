// Scheduled focus windows (propose or auto-start a block when one begins) and the end-of-workday
// notice. One timeout to the next event each, never an interval; both claims go through the shared
// record so only one window proposes or notifies.
import * as vscode from 'vscode';
import {
  activeWindow,
  localDay,
  nextDailyTime,
  nextWindow,
  proposedMinutes,
  todayAt,
  windowKey,
  type ScheduledWindow,
} from '../../core/focus/schedule';
import { claimProposal, claimWorkdayNotice } from '../../core/focus/shared';
import { effectivePhase } from '../../core/focus/timer';
import type { FocusSession } from './focusSession';
import type { FocusSettings } from './settings';

const MAX_TIMER_MS = 6 * 60 * 60_000;
const IN_USE_MS = 30 * 60_000;

export class FocusScheduler implements vscode.Disposable {
  private scheduleTimer: NodeJS.Timeout | undefined;
  private workdayTimer: NodeJS.Timeout | undefined;
  private lastFocusChange: number;

  constructor(
    private readonly session: FocusSession,
    private readonly settings: () => FocusSettings,
    private readonly zone: () => string,
    private readonly startBlock: (minutes: number) => Promise<void>,
    /** Called whenever the next scheduled window may have changed (the tooltip shows it). */
    private readonly onNextChanged: () => void,
  ) {
    this.lastFocusChange = session.clock.now();
  }

  noteFocusChange(): void {
    this.lastFocusChange = this.session.clock.now();
  }

  nextScheduled(): ScheduledWindow | undefined {
    const { schedule } = this.settings();
    return schedule.length > 0 ? nextWindow(schedule, this.session.clock.now(), this.zone()) : undefined;
  }

  arm(): void {
    this.armSchedule();
    this.armWorkday();
  }

  private armSchedule(): void {
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    this.scheduleTimer = undefined;
    // The window that just began is no longer "next" in the tooltip, even while idle.
    this.onNextChanged();
    if (this.session.disposed || this.settings().schedule.length === 0) return;
    const now = this.session.clock.now();
    void this.propose();
    const upcoming = nextWindow(this.settings().schedule, now, this.zone());
    if (!upcoming) return;
    // One timeout to the next window's start (re-armed at most every 6 h): nothing runs in between.
    this.scheduleTimer = setTimeout(() => this.armSchedule(), Math.min(MAX_TIMER_MS, upcoming.start - now + 50));
  }

  /** Proposes (or auto-starts) a block for the scheduled window under way, once across windows. */
  async propose(): Promise<void> {
    try {
      await this.proposeScheduled();
    } catch (error) {
      this.session.reportStorageError(error, false);
    }
  }

  private async proposeScheduled(): Promise<void> {
    const now = this.session.clock.now();
    const settings = this.settings();
    const window = activeWindow(settings.schedule, now, this.zone());
    if (!window || effectivePhase(this.session.shared.timer) !== 'idle') return;
    const auto = settings.autoStartScheduled;
    // A proposal needs someone to see it; an auto-start does not.
    if (!auto && !vscode.window.state.focused) {
      this.session.log.info(`Focus: scheduled window ${window.label}; proposing a block when this window gets focus`);
      return;
    }
    const { written } = await this.session.update((current) =>
      current.timer.phase === 'idle' ? claimProposal(current, windowKey(window)) : undefined,
    );
    if (!written) return;
    const minutes = proposedMinutes(window, now);
    if (auto) {
      this.session.log.info(`Focus: scheduled window ${window.label}, starting a ${minutes}-minute block`);
      await this.startBlock(minutes);
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `Cadence: scheduled focus time (${window.label}). Start a ${minutes}-minute block?`,
      `Start ${minutes}-minute block`,
      'Not now',
    );
    if (choice?.startsWith('Start')) await this.session.guard(() => this.startBlock(minutes));
  }

  private armWorkday(): void {
    if (this.workdayTimer) clearTimeout(this.workdayTimer);
    this.workdayTimer = undefined;
    const minute = this.settings().workdayEnd;
    if (this.session.disposed || minute === undefined) return;
    const now = this.session.clock.now();
    const at = nextDailyTime(minute, now, this.zone());
    this.workdayTimer = setTimeout(
      () => {
        void this.workdayNotice(minute).catch((error: unknown) => this.session.reportStorageError(error, false));
        this.armWorkday();
      },
      Math.min(MAX_TIMER_MS, at - now + 50),
    );
  }

  private async workdayNotice(minute: number): Promise<void> {
    const now = this.session.clock.now();
    const due = todayAt(minute, now, this.zone());
    if (now < due || now - due > 5 * 60_000) return; // re-armed early, or woke up long after
    const inUse = vscode.window.state.focused || now - this.lastFocusChange < IN_USE_MS;
    if (!inUse) return;
    const { written } = await this.session.update((current) => claimWorkdayNotice(current, localDay(now, this.zone())));
    if (!written) return;
    void vscode.window.showInformationMessage(
      'Cadence: end of your workday. Good time to wrap up and write down where you stopped.',
    );
  }

  dispose(): void {
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    if (this.workdayTimer) clearTimeout(this.workdayTimer);
  }
}

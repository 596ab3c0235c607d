// Focus blocks in the editor: one status-bar item, the commands, and the window's part in the shared
// timer. Every window renders from the shared file; the leader window (heartbeat in the same file)
// ends blocks on time and performs side effects; whichever window's write ends a block records it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { historyWeek, renderHistoryHtml } from '../../core/focus/historyView';
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
import {
  applyEvent,
  claimProposal,
  claimUndo,
  claimWorkdayNotice,
  dueUndos,
  EMPTY_SHARED,
  isLeader,
  leaderUpdate,
  parseShared,
  recordEffect,
  serializeShared,
  type JournalEntry,
  type SharedFocus,
} from '../../core/focus/shared';
import {
  effectivePhase,
  formatRemaining,
  remainingMs,
  type EndedBlock,
  type FocusEvent,
  type Transition,
} from '../../core/focus/timer';
import { StatusTicker } from '../../core/focus/ticker';
import { commitsBetween, currentBranch } from '../../node/focus/git';
import { appendFocusRecord, FOCUS_HISTORY_FILE, readFocusHistory } from '../../node/focus/historyFile';
import { SharedFile } from '../../node/focus/sharedFile';
import { Commands, FOCUS_CONTEXT, FOCUS_HISTORY_VIEW, FOCUS_STATUS_ITEM } from '../../shared/ids';
import { readFocusSettings, type FocusSettings } from './settings';

/** VS Code's own command: toggles notification Do Not Disturb (there is no "set"; state is not readable). */
export const TOGGLE_DND_COMMAND = 'notifications.toggleDoNotDisturbMode';
export const FOCUS_STATE_FILE = 'focus-state.json';

const PRESETS = [25, 50, 90, 120];
const MAX_TIMER_MS = 6 * 60 * 60_000;
/** After this long past its end, a block found at start-up does not auto-start a break. */
const FRESH_END_MS = 60_000;
const IN_USE_MS = 30 * 60_000;

const systemClock: Clock = { now: () => Date.now() };

/** What the extension's API exposes about focus blocks (tests and the lead's wiring use it). */
export interface FocusApi {
  readonly stateFile: string;
  readonly historyFile: string;
  /** This window's id in the leader record (changes on restart, as on a reload). */
  windowId(): string;
  /** The shared record as it is on disk now. */
  read(): Promise<SharedFocus>;
  /** The status-bar text this window shows now. */
  statusText(): string;
  /** Disposes the feature and builds it again from storage, as a window reload does. */
  restart(): Promise<void>;
  /** Resolves once every side effect started so far (history, Do Not Disturb, hooks) is done. */
  settled(): Promise<void>;
}

interface Deps {
  log: vscode.LogOutputChannel;
  clock?: Clock;
}

type StartArgs = number | { minutes?: number; ask?: boolean } | undefined;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class FocusFeature implements vscode.Disposable {
  readonly windowId = `${vscode.env.sessionId.slice(0, 8)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly item: vscode.StatusBarItem;
  // Read on first use, not in activate (ICU and configuration reads cost milliseconds).
  private zoneCache: string | undefined;
  private settingsCache: FocusSettings | undefined;
  private shared: SharedFocus = EMPTY_SHARED;
  private readonly ticker: StatusTicker;
  private scheduleTimer: NodeJS.Timeout | undefined;
  private workdayTimer: NodeJS.Timeout | undefined;
  private stopWatching: () => void = () => undefined;
  private lastDecoration = '';
  private lastPhase: string | undefined;
  private ticking = false;
  private disposed = false;
  private lastFocusChange: number;
  /** When this window (extension host) started: it holds VS Code's state as of then. */
  private readonly activatedAt: number;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly reportedHookFailures = new Set<string>();
  private historyPanel: vscode.WebviewPanel | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly store: SharedFile<SharedFocus>,
    private readonly historyFile: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: Clock,
  ) {
    this.lastFocusChange = clock.now();
    this.activatedAt = clock.now();
    this.item = vscode.window.createStatusBarItem(FOCUS_STATUS_ITEM.id, vscode.StatusBarAlignment.Left, 100);
    this.item.name = FOCUS_STATUS_ITEM.name;
    this.ticker = new StatusTicker(
      {
        setInterval: (callback, ms) => setInterval(callback, ms),
        clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
      },
      clock,
      () => void this.tick(),
      (text) => (this.item.text = text),
    );
    // The idle look until the shared state is read (right after activation).
    this.item.text = '$(watch) Focus';
    this.item.command = { title: 'Start Focus Block', command: Commands.focusStart, arguments: [{ ask: false }] };
    this.item.show();
    const command = (id: string, run: (...args: never[]) => unknown) =>
      this.disposables.push(vscode.commands.registerCommand(id, run));
    command(Commands.focusStart, (args: StartArgs) => this.start(args));
    command(Commands.focusPause, () => this.dispatch({ type: 'pause' }));
    command(Commands.focusResume, () => this.dispatch({ type: 'resume' }));
    command(Commands.focusExtend, (minutes?: number) => this.extend(minutes));
    command(Commands.focusStop, () => this.dispatch({ type: 'stop' }));
    command(Commands.focusSkipBreak, () => this.dispatch({ type: 'skipBreak' }));
    command(Commands.focusActions, () => this.showActions());
    command(Commands.focusShowHistory, () => this.showHistory());
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeWindowState((state) => {
        this.lastFocusChange = this.clock.now();
        if (state.focused) {
          // The cheap fallback for a missed file event: look again whenever the user comes back.
          void this.refresh();
          void this.proposeScheduled();
        }
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('cadence.focus')) return;
        this.settingsCache = undefined;
        this.reportSettings();
        this.lastDecoration = '';
        this.render();
        this.armSchedule();
        this.armWorkday();
      }),
    );
    // Activation stays cheap: storage is read after activate returns.
    this.ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.init());
  }

  private get settings(): FocusSettings {
    return (this.settingsCache ??= readFocusSettings());
  }

  private get zone(): string {
    return (this.zoneCache ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  }

  private async init(): Promise<void> {
    try {
      this.reportSettings();
      await this.store.changedSinceLastCheck();
      this.onShared(await this.store.read());
      if (this.disposed) return;
      this.stopWatching = this.store.watch(() => void this.refresh(true));
      // Effects left behind by a window that crashed or reloaded (its block is over) are undone now.
      await this.undoEffects();
      this.armSchedule();
      this.armWorkday();
    } catch (error) {
      this.log.error(`Focus: could not read ${this.store.file}: ${errorText(error)}`);
    }
  }

  private reportSettings(): void {
    for (const error of this.settings.scheduleErrors) this.log.warn(`Focus schedule: ${error}`);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  async settled(): Promise<void> {
    await this.ready;
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  // ---- shared state ----------------------------------------------------------------------------

  async refresh(force = false): Promise<void> {
    if (this.disposed) return;
    try {
      if (!(await this.store.changedSinceLastCheck()) && !force) return;
      this.onShared(await this.store.read());
    } catch (error) {
      this.log.warn(`Focus: could not read the shared state: ${errorText(error)}`);
    }
  }

  private onShared(shared: SharedFocus): void {
    if (this.disposed) return;
    // A heartbeat from an older seq may arrive after a newer write we made; keep the newest.
    // (A file that was deleted or reset reads as seq 0 and is taken as it is.)
    if (shared.seq !== 0 && shared.seq < this.shared.seq && shared.timer.revision <= this.shared.timer.revision) return;
    this.shared = shared;
    this.render();
    if (dueUndos(shared, this.me()).length > 0) void this.track(this.undoEffects());
  }

  /** Once a second while a block or break runs: render, notice others' writes, lead, end on time. */
  private async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    try {
      await this.refresh();
      const now = this.clock.now();
      const focused = vscode.window.state.focused;
      if (leaderUpdate(this.shared.leader, this.windowId, now, focused)) {
        const { after } = await this.store.update((current) => {
          const leader = leaderUpdate(current.leader, this.windowId, now, focused);
          return leader ? { ...current, seq: current.seq + 1, leader } : undefined;
        });
        await this.store.changedSinceLastCheck();
        this.onShared(after);
      }
      const { timer } = this.shared;
      if (isLeader(this.shared, this.windowId, now) && timer.endsAt !== undefined && now >= timer.endsAt) {
        await this.dispatch({ type: 'tick' });
      }
    } catch (error) {
      this.log.warn(`Focus: timer tick failed: ${errorText(error)}`);
    } finally {
      this.ticking = false;
      this.render();
    }
  }

  /** Applies an event to the latest shared state and performs what follows from it. */
  async dispatch(event: FocusEvent): Promise<Transition> {
    const now = this.clock.now();
    let transition: Transition = { state: this.shared.timer, changed: false };
    let dueAt = now;
    const focused = vscode.window.state.focused;
    const { after } = await this.store.update((current) => {
      dueAt = current.timer.endsAt ?? Number.POSITIVE_INFINITY; // paused: nothing was due
      const applied = applyEvent(current, event, now);
      transition = applied.transition;
      if (!transition.changed) return undefined;
      // The window that starts a block leads it: it is the one the user is looking at.
      return transition.started
        ? { ...applied.shared, leader: { windowId: this.windowId, heartbeatAt: now, focused } }
        : applied.shared;
    });
    await this.store.changedSinceLastCheck();
    this.onShared(after);
    if (transition.changed) void this.track(this.afterTransition(transition, now, dueAt));
    return transition;
  }

  private async afterTransition(transition: Transition, now: number, dueAt: number): Promise<void> {
    const settings = this.settings;
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
          .then((choice) => (choice === 'Start a focus block' ? this.startBlock(settings.blockMinutes) : undefined));
      }
    }
    if (transition.started) {
      const block = transition.started;
      this.log.info(`Focus block started: ${block.plannedMinutes} min`);
      if (settings.doNotDisturb) await this.applyDoNotDisturb(block.id, now);
      void this.runHooks(settings.onStart, 'onStart');
    }
  }

  private async finishBlock(ended: EndedBlock, ranOut: boolean, now: number): Promise<void> {
    const settings = this.settings;
    this.log.info(
      `Focus block ${ended.completed ? 'completed' : 'stopped'}: ${ended.actualMinutes} of ${ended.plannedMinutes} min`,
    );
    // Do Not Disturb off first, so the notice below is not silenced by our own DND.
    await this.undoEffects();
    void this.runHooks(settings.onEnd, 'onEnd');
    void this.track(this.recordHistory(ended));
    if (!ranOut) return;
    const fresh = now - ended.endedAt < FRESH_END_MS;
    if (settings.autoStart && settings.breaks && fresh) {
      await this.dispatch({ type: 'startBreak', minutes: settings.breakMinutes });
      void vscode.window
        .showInformationMessage(`Cadence: focus block done (${ended.actualMinutes} min). Break started.`, 'Skip break')
        .then((choice) => (choice ? this.dispatch({ type: 'skipBreak' }) : undefined));
      return;
    }
    const choices = settings.breaks
      ? ['Take a break', 'Another block', 'Done for now']
      : ['Another block', 'Done for now'];
    const when = new Date(ended.endedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    // Not awaited: the notice waits for the user, the timer and the side effects do not.
    void vscode.window
      .showInformationMessage(
        `Cadence: focus block done (${ended.actualMinutes} min${fresh ? '' : `, ended at ${when}`}).`,
        ...choices,
      )
      .then(async (choice) => {
        if (choice === 'Take a break') await this.dispatch({ type: 'startBreak', minutes: settings.breakMinutes });
        else if (choice === 'Another block') await this.startBlock(settings.blockMinutes);
      });
  }

  private workspaceFolder(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  /** Git only in a trusted local folder; anything else records no branch. */
  private gitFolder(): string | undefined {
    return vscode.workspace.isTrusted ? this.workspaceFolder() : undefined;
  }

  private async recordHistory(ended: EndedBlock): Promise<void> {
    const cwd = this.gitFolder();
    const [branchAtEnd, commits] = cwd
      ? await Promise.all([currentBranch(cwd), commitsBetween(cwd, ended.startedAt, ended.endedAt)])
      : [undefined, []];
    try {
      await appendFocusRecord(this.historyFile, {
        ...ended,
        ...(branchAtEnd !== undefined ? { branchAtEnd } : {}),
        commits,
      });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Cadence could not record the focus block in ${this.historyFile}: ${errorText(error)}. The timer is unaffected.`,
      );
    }
    if (this.historyPanel) await this.renderHistory(this.historyPanel);
  }

  // ---- side effects ------------------------------------------------------------------------------

  private me(): { windowId: string; activatedAt: number } {
    return { windowId: this.windowId, activatedAt: this.activatedAt };
  }

  private async applyDoNotDisturb(blockId: string, now: number): Promise<void> {
    const entry: JournalEntry = {
      id: `${blockId}:dnd`,
      kind: 'doNotDisturb',
      blockId,
      appliedAt: now,
      appliedBy: this.windowId,
    };
    // Journal first (only if the block is still running), then the effect: a crash in between
    // can at worst skip one undo, never toggle twice.
    const { written, after } = await this.store.update((current) =>
      current.timer.block?.id === blockId &&
      current.timer.phase !== 'idle' &&
      !current.journal.some((e) => e.id === entry.id)
        ? { ...current, seq: current.seq + 1, journal: recordEffect(current.journal, entry) }
        : undefined,
    );
    this.onShared(after);
    if (!written) return;
    try {
      await vscode.commands.executeCommand(TOGGLE_DND_COMMAND);
      this.log.info('Focus: Do Not Disturb on for the block');
    } catch (error) {
      this.log.warn(`Focus: could not turn on Do Not Disturb: ${errorText(error)}`);
    }
  }

  /** Undoes due effects, each exactly once: the journal entry is claimed under the lock first. */
  private async undoEffects(): Promise<void> {
    for (const entry of dueUndos(this.shared, this.me())) {
      const now = this.clock.now();
      const { written, after } = await this.store.update((current) => claimUndo(current, entry.id, this.windowId, now));
      this.onShared(after);
      if (!written) continue;
      try {
        await vscode.commands.executeCommand(TOGGLE_DND_COMMAND);
        this.log.info(
          `Focus: Do Not Disturb restored${entry.appliedBy === this.windowId ? '' : ' (left by an earlier window)'}`,
        );
      } catch (error) {
        this.log.warn(`Focus: could not restore Do Not Disturb: ${errorText(error)}`);
      }
    }
  }

  private async runHooks(commands: readonly string[], setting: 'onStart' | 'onEnd'): Promise<void> {
    for (const id of commands) {
      try {
        await vscode.commands.executeCommand(id);
      } catch (error) {
        this.log.warn(`Focus: cadence.focus.${setting} command "${id}" failed: ${errorText(error)}`);
        if (this.reportedHookFailures.has(`${setting}:${id}`)) continue;
        this.reportedHookFailures.add(`${setting}:${id}`);
        void vscode.window.showWarningMessage(
          `Cadence: the command "${id}" in cadence.focus.${setting} failed (${errorText(error)}). The timer keeps running; fix or remove it in Settings.`,
        );
      }
    }
  }

  // ---- commands ----------------------------------------------------------------------------------

  private async start(args: StartArgs): Promise<void> {
    const phase = effectivePhase(this.shared.timer);
    if (phase === 'focus') return this.showActions();
    let minutes = typeof args === 'number' ? args : args?.minutes;
    const ask = typeof args === 'object' && args.ask !== undefined ? args.ask : this.settings.askLength;
    if (minutes === undefined && ask) {
      minutes = await this.askLength();
      if (minutes === undefined) return;
    }
    await this.startBlock(minutes ?? this.settings.blockMinutes);
  }

  private async askLength(): Promise<number | undefined> {
    const fallback = this.settings.blockMinutes;
    const lengths = [fallback, ...PRESETS.filter((m) => m !== fallback)];
    const pick = await vscode.window.showQuickPick(
      lengths.map((m) => ({ label: `${m} minutes`, description: m === fallback ? 'default' : undefined, minutes: m })),
      { title: 'Start Focus Block', placeHolder: 'How long?' },
    );
    return pick?.minutes;
  }

  private async startBlock(minutes: number): Promise<void> {
    const cwd = this.gitFolder();
    const branch = cwd ? await currentBranch(cwd) : undefined;
    const workspace = vscode.workspace.workspaceFolders?.[0]
      ? path.basename(vscode.workspace.workspaceFolders[0].uri.path)
      : undefined;
    const id = `${this.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    await this.dispatch({
      type: 'start',
      id,
      minutes,
      ...(workspace !== undefined ? { workspace } : {}),
      ...(branch !== undefined ? { branch } : {}),
    });
  }

  private async extend(minutes?: number): Promise<void> {
    if (effectivePhase(this.shared.timer) === 'idle') {
      void vscode.window.showInformationMessage('Cadence: no focus block is running. Start one first.');
      return;
    }
    if (minutes === undefined) {
      const pick = await vscode.window.showQuickPick(
        [5, 15, 30].map((m) => ({ label: `+${m} minutes`, minutes: m })),
        { title: 'Extend Focus Block' },
      );
      if (!pick) return;
      minutes = pick.minutes;
    }
    await this.dispatch({ type: 'extend', minutes });
  }

  private async showActions(): Promise<void> {
    const timer = this.shared.timer;
    const phase = effectivePhase(timer);
    if (phase === 'idle') return this.start({ ask: false });
    type Action = vscode.QuickPickItem & { run: () => Promise<unknown> };
    const actions: Action[] = [];
    if (timer.phase === 'paused')
      actions.push({ label: '$(debug-start) Resume', run: () => this.dispatch({ type: 'resume' }) });
    else actions.push({ label: '$(debug-pause) Pause', run: () => this.dispatch({ type: 'pause' }) });
    actions.push(
      { label: '$(add) +5 minutes', run: () => this.dispatch({ type: 'extend', minutes: 5 }) },
      { label: '$(add) +15 minutes', run: () => this.dispatch({ type: 'extend', minutes: 15 }) },
    );
    if (phase === 'break')
      actions.push({ label: '$(debug-step-over) Skip break', run: () => this.dispatch({ type: 'skipBreak' }) });
    actions.push({
      label: `$(debug-stop) Stop ${phase === 'break' ? 'break' : 'focus block'}`,
      run: () => this.dispatch({ type: 'stop' }),
    });
    actions.push({ label: '$(graph) Show focus history', run: () => this.showHistory() });
    const pick = await vscode.window.showQuickPick(actions, {
      title: `Focus: ${formatRemaining(remainingMs(timer, this.clock.now()))} left`,
    });
    await pick?.run();
  }

  private async showHistory(): Promise<void> {
    if (this.historyPanel) {
      this.historyPanel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(FOCUS_HISTORY_VIEW, 'Focus History', vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.historyPanel = panel;
      panel.onDidDispose(() => (this.historyPanel = undefined), undefined, this.disposables);
    }
    await this.renderHistory(this.historyPanel);
  }

  private async renderHistory(panel: vscode.WebviewPanel): Promise<void> {
    const records = await readFocusHistory(this.historyFile).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Cadence could not read ${this.historyFile}: ${errorText(error)}`);
      return [];
    });
    const nonce = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    panel.webview.html = renderHistoryHtml(historyWeek(records, this.clock.now(), this.zone), {
      zone: this.zone,
      nonce,
    });
  }

  // ---- schedule and end of workday ---------------------------------------------------------------

  private armSchedule(): void {
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    this.scheduleTimer = undefined;
    if (this.disposed || this.settings.schedule.length === 0) return;
    const now = this.clock.now();
    void this.proposeScheduled();
    const upcoming = nextWindow(this.settings.schedule, now, this.zone);
    if (!upcoming) return;
    // One timeout to the next window's start (re-armed at most every 6 h): nothing runs in between.
    this.scheduleTimer = setTimeout(() => this.armSchedule(), Math.min(MAX_TIMER_MS, upcoming.start - now + 50));
  }

  private async proposeScheduled(): Promise<void> {
    const now = this.clock.now();
    const window = activeWindow(this.settings.schedule, now, this.zone);
    if (!window || effectivePhase(this.shared.timer) !== 'idle') return;
    const auto = this.settings.autoStartScheduled;
    // A proposal needs someone to see it; an auto-start does not.
    if (!auto && !vscode.window.state.focused) {
      this.log.info(`Focus: scheduled window ${window.label}; proposing a block when this window gets focus`);
      return;
    }
    const { written } = await this.store.update((current) =>
      current.timer.phase === 'idle' ? claimProposal(current, windowKey(window)) : undefined,
    );
    if (!written) return;
    const minutes = proposedMinutes(window, now);
    if (auto) {
      this.log.info(`Focus: scheduled window ${window.label}, starting a ${minutes}-minute block`);
      await this.startBlock(minutes);
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `Cadence: scheduled focus time (${window.label}). Start a ${minutes}-minute block?`,
      `Start ${minutes}-minute block`,
      'Not now',
    );
    if (choice?.startsWith('Start')) await this.startBlock(minutes);
  }

  private armWorkday(): void {
    if (this.workdayTimer) clearTimeout(this.workdayTimer);
    this.workdayTimer = undefined;
    const minute = this.settings.workdayEnd;
    if (this.disposed || minute === undefined) return;
    const now = this.clock.now();
    const at = nextDailyTime(minute, now, this.zone);
    this.workdayTimer = setTimeout(
      () => {
        void this.workdayNotice(minute);
        this.armWorkday();
      },
      Math.min(MAX_TIMER_MS, at - now + 50),
    );
  }

  private async workdayNotice(minute: number): Promise<void> {
    const now = this.clock.now();
    const due = todayAt(minute, now, this.zone);
    if (now < due || now - due > 5 * 60_000) return; // re-armed early, or woke up long after
    const inUse = vscode.window.state.focused || now - this.lastFocusChange < IN_USE_MS;
    if (!inUse) return;
    const { written } = await this.store.update((current) => claimWorkdayNotice(current, localDay(now, this.zone)));
    if (!written) return;
    void vscode.window.showInformationMessage(
      'Cadence: end of your workday. Good time to wrap up and write down where you stopped.',
    );
  }

  nextScheduled(): ScheduledWindow | undefined {
    return this.settings.schedule.length > 0
      ? nextWindow(this.settings.schedule, this.clock.now(), this.zone)
      : undefined;
  }

  // ---- rendering ---------------------------------------------------------------------------------

  currentText(): string {
    return this.ticker.currentText;
  }

  private render(): void {
    const timer = this.shared.timer;
    // The text (and whether a one-second interval runs at all) is the ticker's business.
    this.ticker.update(timer);
    // Everything but the text changes only with the state (revision), not with time.
    const decoration = `${timer.phase}:${timer.revision}:${this.settings.schedule.length}`;
    if (decoration === this.lastDecoration) return;
    this.lastDecoration = decoration;
    const phase = effectivePhase(timer);
    if (timer.phase !== this.lastPhase) {
      this.lastPhase = timer.phase;
      // The palette offers only what applies (package.json menus.commandPalette).
      void vscode.commands.executeCommand('setContext', FOCUS_CONTEXT.phase, timer.phase);
      void vscode.commands.executeCommand('setContext', FOCUS_CONTEXT.onBreak, phase === 'break');
    }
    this.item.command =
      phase === 'idle'
        ? { title: 'Start Focus Block', command: Commands.focusStart, arguments: [{ ask: false }] }
        : Commands.focusActions;
    this.item.backgroundColor =
      timer.phase === 'paused' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = {
      // Stable for the whole state (the text changes every second, this label does not).
      label:
        phase === 'idle'
          ? 'Start a focus block'
          : timer.phase === 'paused'
            ? `Focus ${phase} paused, ${formatRemaining(timer.pausedRemainingMs ?? 0)} left`
            : `Focus ${phase} ends at ${new Date(timer.endsAt ?? 0).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`,
    };
    this.item.tooltip = this.tooltip();
  }

  private tooltip(): vscode.MarkdownString {
    const timer = this.shared.timer;
    const phase = effectivePhase(timer);
    const link = (label: string, command: string, args?: unknown[]) =>
      `[${label}](command:${command}${args ? `?${encodeURIComponent(JSON.stringify(args))}` : ''})`;
    const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const lines: string[] = [];
    if (phase === 'idle') {
      lines.push(
        '**Cadence Focus**: no block running',
        '',
        `${link('$(play) Start a block', Commands.focusStart, [{ ask: false }])} · ${link('Choose length…', Commands.focusStart, [{ ask: true }])}`,
      );
    } else {
      const what = phase === 'break' ? 'Break' : 'Focus block';
      const state =
        timer.phase === 'paused'
          ? `paused, ${formatRemaining(timer.pausedRemainingMs ?? 0)} left`
          : `ends at ${time(timer.endsAt ?? this.clock.now())}`;
      lines.push(`**${what}**: ${state}`, '');
      const actions = [
        timer.phase === 'paused'
          ? link('$(debug-start) Resume', Commands.focusResume)
          : link('$(debug-pause) Pause', Commands.focusPause),
        link('+5 min', Commands.focusExtend, [5]),
        link('+15 min', Commands.focusExtend, [15]),
        link('$(debug-stop) Stop', Commands.focusStop),
      ];
      if (phase === 'break') actions.push(link('Skip break', Commands.focusSkipBreak));
      lines.push(actions.join(' · '));
    }
    const upcoming = this.nextScheduled();
    if (upcoming)
      lines.push(
        '',
        `Next scheduled block: ${new Date(upcoming.start).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })} (${upcoming.label})`,
      );
    lines.push('', link('$(graph) Focus history', Commands.focusShowHistory));
    const markdown = new vscode.MarkdownString(lines.join('\n'), true);
    markdown.isTrusted = {
      enabledCommands: [
        Commands.focusStart,
        Commands.focusPause,
        Commands.focusResume,
        Commands.focusExtend,
        Commands.focusStop,
        Commands.focusSkipBreak,
        Commands.focusShowHistory,
      ],
    };
    return markdown;
  }

  dispose(): void {
    this.disposed = true;
    this.ticker.stop();
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    if (this.workdayTimer) clearTimeout(this.workdayTimer);
    this.stopWatching();
    this.historyPanel?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Registers focus blocks: status-bar item, commands, the shared timer. Returns the focus API. */
export function registerFocus(context: vscode.ExtensionContext, deps: Deps): FocusApi {
  const folder = context.globalStorageUri.fsPath;
  const stateFile = path.join(folder, FOCUS_STATE_FILE);
  const historyFile = path.join(folder, FOCUS_HISTORY_FILE);
  const store = new SharedFile<SharedFocus>({ file: stateFile, parse: parseShared, serialize: serializeShared });
  const clock = deps.clock ?? systemClock;
  let feature = new FocusFeature(store, historyFile, deps.log, clock);
  context.subscriptions.push({ dispose: () => feature.dispose() });
  return {
    stateFile,
    historyFile,
    windowId: () => feature.windowId,
    read: () => store.read(),
    statusText: () => feature.currentText(),
    async restart() {
      await feature.settled();
      feature.dispose();
      feature = new FocusFeature(store, historyFile, deps.log, clock);
      await feature.ready;
    },
    settled: () => feature.settled(),
  };
}

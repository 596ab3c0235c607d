// Focus blocks in the editor: wiring and the FocusApi. Every window renders from the shared file
// (focusSession.ts); the leader window (heartbeat in the same file) ends blocks on time and performs
// side effects (effects.ts); whichever window's write ends a block queues its history record
// (blockLifecycle.ts). The status bar, commands, history panel and scheduler are thin parts on top.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { FocusSummary } from '../../core/focus/history';
import type { ScheduledWindow } from '../../core/focus/schedule';
import { isDamagedShared, parseShared, serializeShared, type SharedFocus } from '../../core/focus/shared';
import type { FocusState } from '../../core/focus/timer';
import { FOCUS_HISTORY_FILE, focusSummaryFor } from '../../node/focus/historyFile';
import { SharedFile } from '../../node/focus/sharedFile';
import { BlockLifecycle } from './blockLifecycle';
import { registerFocusCommands } from './commands';
import { FocusEffects, windowUiId } from './effects';
import { errorText, FocusSession, randomId } from './focusSession';
import { HistoryPanel } from './historyPanel';
import { FocusScheduler } from './scheduler';
import { editorTimeZone, TIME_ZONE_SETTING } from '../timeZone';
import { readFocusSettings, type FocusSettings } from './settings';
import { FocusStatusBar } from './statusBar';

export { TOGGLE_DND_COMMAND } from './effects';
export const FOCUS_STATE_FILE = 'focus-state.json';

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
  /** The status-bar prompt shown until the end-of-block notice is answered ("" when none). */
  endPrompt(): string;
  /** The timer as this window sees it now. */
  timer(): FocusState;
  /** Fires with the timer whenever this window sees a newer shared record (any window's write). */
  readonly onDidChange: vscode.Event<FocusState>;
  /** The schedule's next window (the one running now counts), if a schedule is set. */
  nextScheduled(): ScheduledWindow | undefined;
  /**
   * Focus time inside a window, counting only blocks run in these repositories; null when there is
   * none. The port the weekly draft's Focus section reads (focus owns its history file).
   */
  summary(window: { start: number; end: number }, repos: readonly string[]): Promise<FocusSummary | null>;
}

/** The Slack side of focus blocks (src/node/slack/focusSlack.ts): told of every change. */
export interface FocusSideEffect {
  reconcile(): Promise<void>;
  dispose(): void;
}

interface Deps {
  log: vscode.LogOutputChannel;
  clock?: Clock;
  /** Builds an effect that follows the shared record (Slack); one per focus session. */
  effects?: (session: FocusSession) => FocusSideEffect;
}

class FocusFeature implements vscode.Disposable {
  readonly session: FocusSession;
  private readonly disposables: vscode.Disposable[] = [];
  // Read on first use, not in activate (ICU and configuration reads cost milliseconds).
  private zoneCache: string | undefined;
  private settingsCache: FocusSettings | undefined;
  private readonly statusBar: FocusStatusBar;
  private readonly effects: FocusEffects;
  private readonly lifecycle: BlockLifecycle;
  private readonly history: HistoryPanel;
  readonly scheduler: FocusScheduler;
  private stopWatching: () => void = () => undefined;
  readonly ready: Promise<void>;
  /** Settles once leadership was given up on dispose (best effort). */
  released: Promise<void> = Promise.resolve();

  private readonly followers: FocusSideEffect[];

  constructor(
    store: SharedFile<SharedFocus>,
    historyFile: string,
    log: vscode.LogOutputChannel,
    clock: Clock,
    effects?: (session: FocusSession) => FocusSideEffect,
  ) {
    const windowId = `${vscode.env.sessionId.slice(0, 8)}-${process.pid}-${randomId(6)}`;
    this.session = new FocusSession(store, windowId, log, clock);
    const settings = () => this.settings;
    const zone = () => this.zone;
    this.history = new HistoryPanel(historyFile, clock, zone);
    this.effects = new FocusEffects(this.session, settings, windowUiId(vscode.env.sessionId));
    this.lifecycle = new BlockLifecycle(this.session, this.effects, settings, historyFile, () =>
      this.history.refresh(),
    );
    const startBlock = (minutes: number) => this.lifecycle.startBlock(minutes);
    this.scheduler = new FocusScheduler(this.session, settings, zone, startBlock, () => this.statusBar?.invalidate());
    this.statusBar = new FocusStatusBar(
      clock,
      () => this.scheduler.nextScheduled(),
      () => this.tick(),
    );
    this.session.onChange((shared) => this.statusBar.render(shared.timer));
    // Remote effects (Slack) follow every change: set, update, undo (each decides whether it leads).
    this.followers = effects ? [effects(this.session)] : [];
    this.session.onChange(() => {
      for (const follower of this.followers) void this.session.track(follower.reconcile(), 'Slack');
    });
    this.disposables.push(
      this.lifecycle,
      this.statusBar,
      this.history,
      this.scheduler,
      ...registerFocusCommands({ session: this.session, settings, startBlock, showHistory: () => this.history.show() }),
      vscode.window.onDidChangeWindowState((state) => {
        this.scheduler.noteFocusChange();
        if (state.focused) {
          // The cheap fallback for a missed file event: look again whenever the user comes back.
          void this.session.refresh();
          void this.scheduler.propose();
        }
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(TIME_ZONE_SETTING)) this.zoneCache = undefined;
        if (!event.affectsConfiguration('cadence.focus') && !event.affectsConfiguration(TIME_ZONE_SETTING)) return;
        this.settingsChanged();
      }),
      // Hooks are read only in trusted workspaces: granting trust must turn them on without a reload.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.settingsChanged()),
    );
    // Activation stays cheap: storage is read after activate returns.
    this.ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.init());
  }

  private get settings(): FocusSettings {
    return (this.settingsCache ??= readFocusSettings());
  }

  private get zone(): string {
    return (this.zoneCache ??= editorTimeZone());
  }

  private settingsChanged(): void {
    this.settingsCache = undefined;
    this.reportSettings();
    this.statusBar.invalidate();
    this.scheduler.arm();
  }

  private reportSettings(): void {
    for (const error of this.settings.scheduleErrors) this.session.log.warn(`Focus schedule: ${error}`);
  }

  private tick(): void {
    void this.session.tick().finally(() => this.statusBar.render(this.session.shared.timer));
  }

  private async init(): Promise<void> {
    const { session } = this;
    try {
      this.reportSettings();
      await session.store.changedSinceLastCheck();
      session.accept(await session.store.read());
      if (session.disposed) return;
      this.stopWatching = session.store.watch(() => void session.refresh(true));
    } catch (error) {
      session.log.error(`Focus: could not read ${session.store.file}: ${errorText(error)}`);
      return;
    }
    this.scheduler.arm();
    try {
      await this.effects.noteWindowUi();
      // Effects left behind by a window that crashed or reloaded (its block is over) are undone now,
      // and records a crashed window did not get to append are appended.
      await this.effects.undoEffects();
      await this.lifecycle.flushHistory();
    } catch (error) {
      session.reportStorageError(error, false);
    }
  }

  async settled(): Promise<void> {
    await this.ready;
    await this.session.settled();
  }

  currentText(): string {
    return this.statusBar.currentText;
  }

  endPrompt(): string {
    return this.lifecycle.endPrompt();
  }

  dispose(): void {
    const leading = this.session.shared.leader?.windowId === this.session.windowId;
    this.session.disposed = true;
    this.statusBar.stop();
    this.effects.dispose();
    for (const follower of this.followers) follower.dispose();
    this.stopWatching();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    // Best effort: another window takes the lead now instead of after the heartbeat's TTL.
    if (leading) this.released = this.session.releaseLeadership().catch(() => undefined);
  }
}

/** Registers focus blocks: status-bar item, commands, the shared timer. Returns the focus API. */
export function registerFocus(context: vscode.ExtensionContext, deps: Deps): FocusApi {
  const folder = context.globalStorageUri.fsPath;
  const stateFile = path.join(folder, FOCUS_STATE_FILE);
  const historyFile = path.join(folder, FOCUS_HISTORY_FILE);
  const store = new SharedFile<SharedFocus>({
    file: stateFile,
    parse: parseShared,
    serialize: serializeShared,
    damaged: isDamagedShared,
    onDamaged: (copy) => deps.log.warn(`Focus: ${stateFile} was damaged; kept a copy as ${copy}`),
  });
  const clock = deps.clock ?? systemClock;
  const changed = new vscode.EventEmitter<FocusState>();
  const build = () => {
    const built = new FocusFeature(store, historyFile, deps.log, clock, deps.effects);
    built.session.onChange((shared) => changed.fire(shared.timer));
    return built;
  };
  let feature = build();
  context.subscriptions.push({ dispose: () => feature.dispose() }, changed);
  return {
    stateFile,
    historyFile,
    windowId: () => feature.session.windowId,
    read: () => store.read(),
    statusText: () => feature.currentText(),
    endPrompt: () => feature.endPrompt(),
    async restart() {
      await feature.settled();
      feature.dispose();
      await feature.released;
      feature = build();
      await feature.ready;
    },
    settled: () => feature.settled(),
    timer: () => feature.session.shared.timer,
    onDidChange: changed.event,
    nextScheduled: () => feature.scheduler.nextScheduled(),
    summary: (window, repos) => focusSummaryFor(historyFile, window, repos),
  };
}

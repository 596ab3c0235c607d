// The focus status-bar item: the countdown text (the ticker's business: a one-second interval only
// while a block or break runs), the tooltip with its action links, the accessibility label and the
// context keys the palette menus use.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { ScheduledWindow } from '../../core/focus/schedule';
import {
  accessibleStatus,
  expectationOf,
  effectivePhase,
  formatRemaining,
  type FocusState,
} from '../../core/focus/timer';
import { StatusTicker } from '../../core/focus/ticker';
import { Commands, FOCUS_CONTEXT, FOCUS_STATUS_ITEM } from '../../shared/ids';

const IDLE_COMMAND: vscode.Command = {
  title: 'Start Focus Block',
  command: Commands.focusStart,
  arguments: [{ ask: false }],
};

export class FocusStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly ticker: StatusTicker;
  private lastDecoration = '';
  private lastPhase: string | undefined;
  private timer: FocusState | undefined;

  constructor(
    private readonly clock: Clock,
    /** The next scheduled window, for the tooltip. */
    private readonly nextScheduled: () => ScheduledWindow | undefined,
    onTick: () => void,
  ) {
    this.item = vscode.window.createStatusBarItem(FOCUS_STATUS_ITEM.id, vscode.StatusBarAlignment.Left, 100);
    this.item.name = FOCUS_STATUS_ITEM.name;
    this.ticker = new StatusTicker(
      {
        setInterval: (callback, ms) => setInterval(callback, ms),
        clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
      },
      clock,
      onTick,
      (text) => {
        this.item.text = text;
        // The minutes left change with the text; the label says them too.
        if (this.timer) this.labelFor(this.timer);
      },
    );
    // The idle look until the shared state is read (right after activation).
    this.item.text = '$(watch) Focus';
    this.item.command = IDLE_COMMAND;
    this.item.show();
  }

  get currentText(): string {
    return this.ticker.currentText;
  }

  /** Forgets the drawn decoration (settings or the schedule changed) and draws again. */
  invalidate(): void {
    this.lastDecoration = '';
    if (this.timer) this.render(this.timer);
  }

  render(timer: FocusState): void {
    this.timer = timer;
    // The text (and whether a one-second interval runs at all) is the ticker's business.
    this.ticker.update(timer);
    // Everything but the text changes only with the state (revision) or the next scheduled window.
    const upcoming = this.nextScheduled();
    const decoration = `${timer.phase}:${timer.revision}:${timer.block?.id ?? ''}:${upcoming?.start ?? ''}`;
    if (decoration === this.lastDecoration) return;
    this.lastDecoration = decoration;
    const phase = effectivePhase(timer);
    if (timer.phase !== this.lastPhase) {
      this.lastPhase = timer.phase;
      // The palette offers only what applies (package.json menus.commandPalette).
      void vscode.commands.executeCommand('setContext', FOCUS_CONTEXT.phase, timer.phase);
      void vscode.commands.executeCommand('setContext', FOCUS_CONTEXT.onBreak, phase === 'break');
    }
    this.item.command = phase === 'idle' ? IDLE_COMMAND : Commands.focusActions;
    this.item.backgroundColor =
      timer.phase === 'paused' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.labelFor(timer);
    this.item.tooltip = this.tooltip(timer, upcoming);
  }

  private labelFor(timer: FocusState): void {
    // In the user's own locale, like the tooltip.
    const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const label = accessibleStatus(timer, this.clock.now(), time);
    if (this.item.accessibilityInformation?.label !== label) this.item.accessibilityInformation = { label };
  }

  private tooltip(timer: FocusState, upcoming: ScheduledWindow | undefined): vscode.MarkdownString {
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
      // Each link carries what it was drawn for: a click after the block ended does nothing.
      const expect = { expect: expectationOf(timer) };
      const what = phase === 'break' ? 'Break' : 'Focus block';
      const state =
        timer.phase === 'paused'
          ? `paused, ${formatRemaining(timer.pausedRemainingMs ?? 0)} left`
          : `ends at ${time(timer.endsAt ?? this.clock.now())}`;
      lines.push(`**${what}**: ${state}`, '');
      const actions = [
        timer.phase === 'paused'
          ? link('$(debug-start) Resume', Commands.focusResume, [expect])
          : link('$(debug-pause) Pause', Commands.focusPause, [expect]),
        link('+5 min', Commands.focusExtend, [5, expect]),
        link('+15 min', Commands.focusExtend, [15, expect]),
        // On a break, Skip is the one way to end it (Stop would do the same under another word).
        phase === 'break'
          ? link('$(debug-step-over) Skip break', Commands.focusSkipBreak, [expect])
          : link('$(debug-stop) Stop', Commands.focusStop, [expect]),
      ];
      lines.push(actions.join(' · '));
    }
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

  stop(): void {
    this.ticker.stop();
  }

  dispose(): void {
    this.ticker.stop();
    this.item.dispose();
  }
}
